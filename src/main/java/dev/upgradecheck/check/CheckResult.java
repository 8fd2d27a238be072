package dev.upgradecheck.check;

import java.time.Duration;

/**
 * One line of the checklist: a check's id and title with its outcome, and how long it took to evaluate
 * ({@code elapsed}, null for lines the tool made up without running a check).
 */
public record CheckResult(String id, String title, Status status, String observed, String expected,
                          String detail, String remedy, Duration elapsed) {

    public CheckResult(String id, String title, Status status, String observed, String expected, String detail,
                       String remedy) {
        this(id, title, status, observed, expected, detail, remedy, null);
    }

    public static CheckResult of(String id, String title, Outcome outcome) {
        return new CheckResult(id, title, outcome.status(), outcome.observed(), outcome.expected(),
                outcome.detail(), outcome.remedy());
    }

    public CheckResult withElapsed(Duration value) {
        return new CheckResult(id, title, status, observed, expected, detail, remedy, value);
    }
}
