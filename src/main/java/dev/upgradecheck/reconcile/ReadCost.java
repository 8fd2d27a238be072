package dev.upgradecheck.reconcile;

/**
 * What one side paid: statements sent, rows the server read to answer them (the rows in the ranges scanned),
 * rows sent back to us.
 */
public record ReadCost(long queries, long rowsRead, long rowsTransferred) {
}
