package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.report.Report;

import java.io.PrintWriter;
import java.util.List;

/** Prints reports in the chosen format and turns them into the documented exit code. */
final class Reports {

    private Reports() {
    }

    static int print(Cli cli, OutputOptions output, PrintWriter out, List<Report> reports) {
        List<Report> masked = reports.stream().map(r -> r.masked(cli::redact)).toList();
        output.write(cli, out, output.format.reporter(output.colour(cli), output.detail()).render(masked));
        return reports.stream().anyMatch(Report::failed) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
