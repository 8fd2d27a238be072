package dev.upgradecheck.check;

/** The one outcome of a check. ERROR means it could not be evaluated; SKIP means it does not apply here. */
public enum Status {
    PASS, WARN, FAIL, ERROR, SKIP;

    /** Whether this status makes the run fail under the given policy. */
    public boolean fails(FailOn policy) {
        return this == FAIL || this == ERROR || (this == WARN && policy == FailOn.WARN);
    }
}
