package dev.upgradecheck.advice;

/** Whether a re-snapshot is needed; ordered from mildest to strongest. */
public enum Verdict {
    NOT_NEEDED, RECOMMENDED, REQUIRED;

    public Verdict strongest(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
