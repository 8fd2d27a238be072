package dev.upgradecheck.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked reconcile to do.
 *
 * @param keys         compare every key range's rows (checksums), not only where counts differ
 * @param estimate     counts from statistics (no verdict without --keys)
 * @param maxQueries   statements allowed per table, both sides together
 * @param asOfColumn   the source column dating each row's last change (with asOf), or null
 * @param asOf         rows changed after this are in flight, not gaps; null when not known
 * @param asOfBasis    where asOf came from, as the notes name it ({@code --as-of}, or the connector's offset)
 * @param notes        said of every table compared (e.g. why no in-flight rows could be set apart)
 * @param signalTable  the Debezium signal table the re-snapshot statement writes to
 */
public record ReconcileSettings(List<TableName> tables, TableMapping mapping, Optional<RowFilter> destinationFilter,
                                boolean keys, boolean estimate, int maxQueries, String asOfColumn, Instant asOf,
                                String asOfBasis, List<String> notes, TableName signalTable) {

    public ReconcileSettings {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    /** These settings with the pipeline's delivered-up-to time found at run time (the connector's offset). */
    public ReconcileSettings asOf(Instant time, String basis) {
        return new ReconcileSettings(tables, mapping, destinationFilter, keys, estimate, maxQueries, asOfColumn, time,
                basis, notes, signalTable);
    }

    /** These settings with one more note for every table. */
    public ReconcileSettings noting(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ReconcileSettings(tables, mapping, destinationFilter, keys, estimate, maxQueries, asOfColumn, asOf,
                asOfBasis, more, signalTable);
    }
}
