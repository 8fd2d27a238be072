package dev.upgradecheck.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code upgrade-check} entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Cli cli = new Cli(System::getenv, System.in);
        // everything the process prints, ours or a driver's, passes the redactor
        System.setOut(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.out), cli::redact),
                true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new RedactingOutputStream(new FileOutputStream(FileDescriptor.err), cli::redact),
                true, StandardCharsets.UTF_8));
        quietLogging(args);
        // reports mask the password value by value (Report.masked): their own words, such as an engine named
        // postgres, must survive a password that is the same word
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new RedactingOutputStream(
                new FileOutputStream(FileDescriptor.out), cli::redactCredentials), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = cli.execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Drivers log through SLF4J or JUL; a DBA at 2 a.m. wants the checklist, not their chatter. */
    private static void quietLogging(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        java.util.logging.Level level = debug ? java.util.logging.Level.FINE : java.util.logging.Level.SEVERE;
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }
}
