package dev.upgradecheck.check;

/** One line of the checklist: a check's id and title with its outcome. */
public record CheckResult(String id, String title, Status status, String observed, String expected,
                          String detail, String remedy) {

    public static CheckResult of(String id, String title, Outcome outcome) {
        return new CheckResult(id, title, outcome.status(), outcome.observed(), outcome.expected(),
                outcome.detail(), outcome.remedy());
    }
}
