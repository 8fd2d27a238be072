package dev.upgradecheck.cli;

import java.io.PrintWriter;

/** The {@code upgrade-check} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging(args);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = new Cli(System::getenv, System.in).execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Drivers log through SLF4J or JUL; a DBA at 2 a.m. wants the checklist, not their chatter. */
    private static void quietLogging(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        java.util.logging.Logger.getLogger("").setLevel(debug ? java.util.logging.Level.FINE : java.util.logging.Level.SEVERE);
    }
}
