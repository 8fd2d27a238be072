package dev.upgradecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one finding per object a check looks at (each slot, each account, each table, each job) and folds
 * them into one outcome: the worst status, every observation, every remedy once (one a line).
 */
public final class Findings {

    private Status worst = Status.PASS;
    private final List<String> observed = new ArrayList<>();
    private final Set<String> remedies = new LinkedHashSet<>();
    private final List<String> details = new ArrayList<>();

    public Findings pass(String observation) {
        observed.add(observation);
        return this;
    }

    public Findings warn(String observation, String remedy) {
        return add(Status.WARN, observation, remedy);
    }

    public Findings fail(String observation, String remedy) {
        return add(Status.FAIL, observation, remedy);
    }

    /** A finding whose status is judged elsewhere (a rule table); {@code remedy} may be null. */
    public Findings add(Status status, String observation, String remedy) {
        if (status.ordinal() > worst.ordinal()) {
            worst = status;
        }
        observed.add(observation);
        if (remedy != null) {
            remedies.add(remedy);
        }
        return this;
    }

    /** A sentence of explanation; the outcome's detail is these sentences in order. */
    public Findings detail(String text) {
        details.add(text);
        return this;
    }

    public boolean isEmpty() {
        return observed.isEmpty();
    }

    public Status status() {
        return worst;
    }

    public Outcome outcome(String expected) {
        return new Outcome(worst, String.join("; ", observed), expected,
                details.isEmpty() ? null : String.join(" ", details),
                remedies.isEmpty() ? null : String.join("\n", remedies));
    }
}
