package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.engine.postgres.PostgresBaseline.PublicationRecord;
import dev.upgradecheck.engine.postgres.PostgresBaseline.TableName;
import dev.upgradecheck.engine.postgres.PostgresBaseline.TableRecord;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.PublishedTable;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a publication's tables changed since the baseline. A baseline table no longer published under its name
 * was dropped (its oid is gone), renamed (its oid is published under another name) or removed from the
 * publication. Tables a publication includes by itself (FOR ALL TABLES, FOR TABLES IN SCHEMA: no
 * pg_publication_rel row) have no membership to drift, and ALTER PUBLICATION ... ADD TABLE is refused for
 * FOR ALL TABLES publications.
 */
final class PublicationDrift {

    enum How { DROPPED, RENAMED, REMOVED }

    /** A baseline table no longer published under its name; {@code now} is its new name when renamed. */
    record Gone(TableName table, How how, Table now) {
    }

    private PublicationDrift() {
    }

    static List<Gone> gone(PgContext c, PublicationRecord r, Publication live) throws Exception {
        Set<String> published = new LinkedHashSet<>(live.tables().stream().map(t -> t.table().toString()).toList());
        List<TableName> missing = r.tables().stream().filter(t -> !published.contains(t.qualified())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<Long> oids = missing.stream().map(t -> c.baseline().table(t.qualified()))
                .flatMap(Optional::stream).map(TableRecord::relid).toList();
        Map<Long, Table> existing = oids.isEmpty() ? Map.of() : c.catalog().relationsByOid(oids);
        List<Gone> gone = new ArrayList<>();
        for (TableName t : missing) {
            Optional<Long> oid = c.baseline().table(t.qualified()).map(TableRecord::relid);
            if (oid.isEmpty()) {
                gone.add(new Gone(t, How.REMOVED, null)); // an older baseline without oids cannot tell
            } else if (!existing.containsKey(oid.get())) {
                gone.add(new Gone(t, How.DROPPED, null));
            } else if (published.contains(existing.get(oid.get()).toString())) {
                gone.add(new Gone(t, How.RENAMED, existing.get(oid.get())));
            } else {
                gone.add(new Gone(t, How.REMOVED, existing.get(oid.get())));
            }
        }
        return gone;
    }

    /** Baseline names that no longer name a table (dropped or renamed): nothing to snapshot under them. */
    static Set<String> goneTables(PgContext c) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        for (PublicationRecord r : c.baseline().publications()) {
            Optional<Publication> live = c.publication(r.name());
            if (live.isPresent()) {
                gone(c, r, live.get()).stream().filter(g -> g.how() != How.REMOVED)
                        .forEach(g -> names.add(g.table().qualified()));
            }
        }
        return names;
    }

    /**
     * Baseline tables published again under a new pg_publication_rel row (removed and added back since): the changes
     * made while they were out were not published. Only on the baseline's cluster, where the rows' oids compare.
     */
    static List<String> reAdded(PublicationRecord r, Publication live) {
        Map<String, Long> then = new java.util.HashMap<>();
        r.tables().stream().filter(t -> t.membership() != null).forEach(t -> then.put(t.qualified(), t.membership()));
        return live.tables().stream().filter(t -> t.membership() != null)
                .filter(t -> then.containsKey(t.table().toString())
                        && !then.get(t.table().toString()).equals(t.membership()))
                .map(t -> t.table().toString()).toList();
    }

    /**
     * A table published since the baseline: its rows from before were never sent, so it needs a snapshot unless it
     * has none (rows added since are streamed; rows deleted since were never at the destination either).
     */
    private static void addedSinceBaseline(PgContext c, SnapshotAdvice.Builder advice, String publication, Table table)
            throws Exception {
        String added = "added to publication " + publication + " after the baseline";
        Optional<Boolean> hasRows = c.catalog().hasRows(table);
        if (hasRows.isPresent() && !hasRows.get()) {
            advice.tableUnaffected(table.toString(), added + ", and empty: it has no earlier rows to send");
        } else {
            advice.table(table.toString(), Verdict.REQUIRED, added + ": its earlier rows were never sent"
                    + (hasRows.isEmpty() ? " (whether it has any could not be read: GRANT SELECT ON "
                    + table.quoted() + " to tell)" : ""));
        }
    }

    /** Tables added to the publication since the baseline (renamed baseline tables aside). */
    static List<Table> addedSince(PgContext c, PublicationRecord r, Publication live) throws Exception {
        Set<String> renamedTo = new LinkedHashSet<>();
        gone(c, r, live).stream().filter(g -> g.how() == How.RENAMED).forEach(g -> renamedTo.add(g.now().toString()));
        return added(r, live, renamedTo);
    }

    private static List<Table> added(PublicationRecord r, Publication live, Set<String> renamedTo) {
        Set<String> before = new LinkedHashSet<>(r.tables().stream().map(TableName::qualified).toList());
        // no membership: published by FOR ALL TABLES / IN SCHEMA from its creation
        return live.tables().stream().filter(t -> t.membership() != null).map(PublishedTable::table)
                .filter(t -> !before.contains(t.toString()) && !renamedTo.contains(t.toString())).toList();
    }

    /** A table missing from its publication now, or (re-)added since the baseline, had changes nobody published. */
    static void advise(PgContext c, SnapshotAdvice.Builder advice) throws Exception {
        boolean sameCluster = !BaselineChecks.newCluster(c);
        for (PublicationRecord r : c.baseline().publications()) {
            Optional<Publication> found = c.publication(r.name());
            if (found.isEmpty()) {
                r.tables().forEach(t -> advice.table(t.qualified(), Verdict.REQUIRED, "publication " + r.name()
                        + " is gone: the table's changes are not published"));
                continue;
            }
            Publication live = found.get();
            Set<String> renamedTo = new LinkedHashSet<>();
            for (Gone g : gone(c, r, live)) {
                switch (g.how()) {
                    case DROPPED -> advice.tableUnaffected(g.table().qualified(), "dropped since the baseline: "
                            + "nothing left to snapshot");
                    case RENAMED -> {
                        renamedTo.add(g.now().toString());
                        advice.tableUnaffected(g.table().qualified(), "renamed to " + g.now() + ", still published "
                                + "in " + r.name() + ": its changes continue under the new name (a connector whose "
                                + "table.include.list names tables must name it too)");
                    }
                    case REMOVED -> advice.table(g.table().qualified(), Verdict.REQUIRED, "removed from publication "
                            + r.name() + ": its changes since are not published; snapshot it after "
                            + (live.allTables() ? "it is published again" : "ALTER PUBLICATION "
                            + PgQuoting.ident(r.name()) + " ADD TABLE " + g.table().quoted()));
                }
            }
            for (Table t : added(r, live, renamedTo)) {
                addedSinceBaseline(c, advice, r.name(), t);
            }
            if (sameCluster) {
                reAdded(r, live).forEach(t -> advice.table(t, Verdict.REQUIRED, "re-added to publication " + r.name()
                        + " since the baseline: changes while it was out were not published"));
            }
        }
    }
}
