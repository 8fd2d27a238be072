package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.report.Report;
import dev.upgradecheck.report.Reporter;

import java.io.PrintWriter;
import java.util.List;

/** Prints reports in the chosen format and turns them into the documented exit code. */
final class Reports {

    private Reports() {
    }

    static int print(Cli cli, OutputOptions output, PrintWriter out, List<Report> reports) {
        return print(cli, output, reporter(cli, output), out, reports);
    }

    /** The reporter the options ask for, made ahead of the reports when there is time to spare for loading it. */
    static Reporter reporter(Cli cli, OutputOptions output) {
        return output.format.reporter(output.colour(cli), output.detail());
    }

    static int print(Cli cli, OutputOptions output, Reporter reporter, PrintWriter out, List<Report> reports) {
        List<Report> masked = reports.stream().map(r -> r.masked(cli::redact)).toList();
        output.write(cli, out, reporter.render(masked));
        return reports.stream().anyMatch(Report::failed) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
