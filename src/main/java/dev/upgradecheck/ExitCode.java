package dev.upgradecheck;

/** The documented exit codes; users' scripts and CI jobs depend on them. */
public final class ExitCode {
    /** Nothing failed (and, for snapshot-advice, no snapshot is needed). */
    public static final int OK = 0;
    /** A check FAILed or ERRORed (or WARNed under --fail-on warn); or a snapshot is REQUIRED/RECOMMENDED. */
    public static final int CHECK_FAILED = 1;
    /** Usage or bad input: unknown engine, bad flag, bad URL, unreadable or corrupt baseline. */
    public static final int BAD_INPUT = 2;
    /** Could not connect or authenticate. */
    public static final int CONNECTION_FAILED = 3;
    /** A bug in upgrade-check itself; the message asks for a report. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCode() {
    }
}
