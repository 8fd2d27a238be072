package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.report.ReportFormat;
import dev.upgradecheck.report.TextReporter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the report goes and in what format. Everything written passes the redactor's credential patterns; the
 * values in it that may hold the password itself were masked one by one before (see {@code Report.masked}).
 */
public final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, junit or markdown.")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    /** --color's choices. */
    enum ColourChoice { AUTO, ALWAYS, NEVER }

    @Option(names = {"--color", "--colour"}, paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (default: on a terminal or in GitHub Actions, never with NO_COLOR), always or never.")
    ColourChoice colourChoice;

    @Option(names = {"-q", "--quiet"}, description = "Text: list only failures, errors and warnings, then the summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Text: list the checks that do not apply here too.")
    boolean verbose;

    /**
     * Colour only for a text report: always or never when asked; by default on a terminal or in GitHub Actions
     * (its logs render colour), and never with NO_COLOR set.
     */
    boolean colour(Cli cli) {
        if (format != ReportFormat.TEXT || colourChoice == ColourChoice.NEVER) {
            return false;
        }
        if (colourChoice == ColourChoice.ALWAYS) {
            return true;
        }
        boolean screen = output == null && (Terminal.attached() || "true".equals(cli.env("GITHUB_ACTIONS")));
        return screen && cli.env("NO_COLOR") == null && !"dumb".equals(cli.env("TERM"));
    }

    TextReporter.Detail detail() {
        if (quiet && verbose) {
            throw new BadInputException("--quiet and --verbose ask for opposite things: give one");
        }
        return quiet ? TextReporter.Detail.QUIET : verbose ? TextReporter.Detail.VERBOSE : TextReporter.Detail.NORMAL;
    }

    /** Creates the report's missing directories, so a bad --output (or flag) fails before any connection is made. */
    void prepare() {
        detail();  // contradictory flags are found before connecting, too
        if (output != null) {
            OutputDirectory.createFor(output, "--output");
        }
    }

    void write(Cli cli, PrintWriter out, String document) {
        String safe = cli.redactor().redactCredentials(document);
        if (output == null) {
            out.print(safe);
            out.flush();
            return;
        }
        prepare();
        try {
            Files.writeString(output, safe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot write report to " + output + ": " + e.getClass().getSimpleName());
        }
    }
}
