package dev.upgradecheck.reconcile;

/** The keys above {@code after} (exclusive) up to {@code upTo} (inclusive); a null end is open. */
record KeyRange(Key after, Key upTo) {

    static final KeyRange ALL = new KeyRange(null, null);

    @Override
    public String toString() {
        return (after == null ? "(start" : "(" + after) + " .. " + (upTo == null ? "end)" : upTo + "]");
    }
}
