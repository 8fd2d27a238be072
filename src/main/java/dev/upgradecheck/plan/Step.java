package dev.upgradecheck.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One numbered runbook step: what to do, why, and the exact statements (identifiers already quoted).
 * {@code phase} groups steps: before, upgrade, after. {@code reader} says what the step does to the CDC reader, so
 * that plan can attach a known connector's own calls to exactly that step.
 */
public record Step(Phase phase, String title, String detail, List<String> statements,
                   @JsonIgnore ReaderAction reader) {

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

    /** What a step does to the CDC reader. */
    public enum ReaderAction {
        /** Nothing, or nothing a connector call does. */
        NONE,
        /** Stops the reader before the upgrade, once it has drained. */
        STOP,
        /** Resumes it after the upgrade, as the verdict says. */
        RESUME,
        /** Re-snapshots the tables snapshot-advice names. */
        RESNAPSHOT
    }

    public Step {
        statements = List.copyOf(statements);
        reader = reader == null ? ReaderAction.NONE : reader;
    }

    public Step(Phase phase, String title, String detail, List<String> statements) {
        this(phase, title, detail, statements, ReaderAction.NONE);
    }

    public static Step of(Phase phase, String title, String detail, String... statements) {
        return new Step(phase, title, detail, List.of(statements));
    }

    /** The same step, declared as the one that does {@code action} to the reader. */
    public Step as(ReaderAction action) {
        return new Step(phase, title, detail, statements, action);
    }
}
