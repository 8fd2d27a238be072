package dev.upgradecheck.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked reconcile to do.
 *
 * @param keys         compare keys even when the counts agree
 * @param estimate     counts from statistics (no verdict without --keys)
 * @param maxQueries   statements allowed per table, both sides together
 * @param asOfColumn   the source column dating each row's last change (with asOf), or null
 * @param asOf         rows changed after this are in flight, not gaps; null when not given
 * @param signalTable  the Debezium signal table the re-snapshot statement writes to
 */
public record ReconcileSettings(List<TableName> tables, TableMapping mapping, Optional<RowFilter> destinationFilter,
                                boolean keys, boolean estimate, int maxQueries, String asOfColumn, Instant asOf,
                                TableName signalTable) {

    public ReconcileSettings {
        tables = List.copyOf(tables);
    }
}
