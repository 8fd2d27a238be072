package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.report.ReportFormat;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the report goes and in what format. Everything written passes the redactor first. */
public final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, junit or markdown.")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    /** Colour only for a text report on a terminal, and never with NO_COLOR set. */
    boolean colour(Cli cli) {
        String term = cli.env("TERM");
        return format == ReportFormat.TEXT && output == null && Terminal.attached()
                && cli.env("NO_COLOR") == null && !"dumb".equals(term);
    }

    void write(Cli cli, PrintWriter out, String document) {
        String safe = cli.redactor().redact(document);
        if (output == null) {
            out.print(safe);
            out.flush();
            return;
        }
        try {
            Files.writeString(output, safe, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot write report to " + output + ": " + e.getClass().getSimpleName());
        }
    }
}
