package dev.upgradecheck.cli;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.check.CheckCatalog;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.DeclaredCheck;
import dev.upgradecheck.check.FailOn;
import dev.upgradecheck.value.UserText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Which checks run, and which statuses fail the run. */
public final class SelectionOptions {

    /** Ids the core reports itself, beside the engines' declared checks (the connector's, with --connect-url). */
    static final Set<String> CORE_CHECK_IDS = Set.of("connect.connector", "connect.tasks",
            "connect.offsets.available", "connect.config", "connect.offset", "connect.lag");

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

    /** The command's selection options, when it has them (every command that runs checks mixes them in). */
    static Optional<SelectionOptions> of(CommandSpec spec) {
        return spec.mixins().values().stream().map(CommandSpec::userObject)
                .filter(SelectionOptions.class::isInstance).map(SelectionOptions.class::cast).findFirst();
    }

    /**
     * The checks these engines declare: an --only or --skip that selects none of them is a usage error. A former id
     * (a check renamed in this release) still selects its check, with a note on {@code err} naming the current id.
     */
    void requireKnown(Collection<List<DeclaredCheck>> declared, PrintWriter err) {
        Set<String> ids = new TreeSet<>(CORE_CHECK_IDS);
        Map<String, String> formerIds = new HashMap<>();
        declared.forEach(checks -> checks.forEach(c -> {
            ids.add(c.id());
            if (c.formerId() != null) {
                formerIds.put(c.formerId(), c.id());
            }
        }));
        CheckCatalog catalog = new CheckCatalog(ids, formerIds);
        List<String> unknown = catalog.unmatched(selection());
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            throw new BadInputException((only.contains(first) ? "--only" : "--skip") + " '" + UserText.shown(first, 80)
                    + "' matches no check: did you mean " + String.join(", ", catalog.closest(first, 3)) + "?");
        }
        catalog.renamedPatterns(selection()).forEach(note -> err.println("note: " + note
                + " (the former id is accepted until the next release)"));
        CheckSelection current = catalog.current(selection());
        only = new ArrayList<>(current.only());
        skip = new ArrayList<>(current.skip());
    }
}
