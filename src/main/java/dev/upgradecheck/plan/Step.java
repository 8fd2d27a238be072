package dev.upgradecheck.plan;

import java.util.List;

/**
 * One numbered runbook step: what to do, why, and the exact statements (identifiers already quoted).
 * {@code phase} groups steps: before, upgrade, after.
 */
public record Step(Phase phase, String title, String detail, List<String> statements) {

    public enum Phase {
        BEFORE("Before the upgrade"), UPGRADE("The upgrade"), AFTER("After the upgrade");

        private final String heading;

        Phase(String heading) {
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }

    public Step {
        statements = List.copyOf(statements);
    }

    public static Step of(Phase phase, String title, String detail, String... statements) {
        return new Step(phase, title, detail, List.of(statements));
    }
}
