package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one finding per object a check looks at (each slot, each publication, each table) and folds
 * them into one outcome: the worst status, every observation, every remedy once.
 */
final class Findings {

    private Status worst = Status.PASS;
    private final List<String> observed = new ArrayList<>();
    private final Set<String> remedies = new LinkedHashSet<>();
    private final List<String> details = new ArrayList<>();

    Findings pass(String observation) {
        observed.add(observation);
        return this;
    }

    Findings warn(String observation, String remedy) {
        return add(Status.WARN, observation, remedy);
    }

    Findings fail(String observation, String remedy) {
        return add(Status.FAIL, observation, remedy);
    }

    Findings detail(String text) {
        details.add(text);
        return this;
    }

    private Findings add(Status status, String observation, String remedy) {
        if (status.ordinal() > worst.ordinal()) {
            worst = status;
        }
        observed.add(observation);
        if (remedy != null) {
            remedies.add(remedy);
        }
        return this;
    }

    boolean isEmpty() {
        return observed.isEmpty();
    }

    Outcome outcome(String expected) {
        return new Outcome(worst, String.join("; ", observed), expected,
                details.isEmpty() ? null : String.join(" ", details),
                remedies.isEmpty() ? null : String.join("\n", remedies));
    }
}
