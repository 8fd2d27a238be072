package dev.upgradecheck.engine.sqlserver;

/**
 * One row of {@code cdc.change_tables}: a capture instance of a source table.
 *
 * @param changeTableId {@code object_id} of the change table: a re-created instance gets a new one
 * @param startLsn      the low endpoint of the change data (null until established); the cleanup job moves it forward
 * @param roleName      the gating role a reader must be in, or null
 */
record CaptureInstance(String name, TableName table, long changeTableId, Lsn startLsn, String roleName) {
}
