package dev.upgradecheck.cli;

import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.FailOn;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Which checks run, and which statuses fail the run. */
public final class SelectionOptions {

    @Option(names = "--only", split = ",", paramLabel = "ID",
            description = "Run only these checks (ids or prefixes, e.g. pg.slot).")
    List<String> only = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "ID", description = "Do not run these checks (ids or prefixes).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "fail",
            description = "fail (default) or warn: which status makes the exit code 1.")
    FailOn failOn;

    CheckSelection selection() {
        return new CheckSelection(only, skip);
    }
}
