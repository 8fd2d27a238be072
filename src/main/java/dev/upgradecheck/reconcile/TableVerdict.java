package dev.upgradecheck.reconcile;

/** One table's outcome, worst last: any gap or doubt makes reconcile exit 1. */
public enum TableVerdict {
    IN_SYNC, EXTRA_ROWS, MISSING_ROWS, UNKNOWN
}
