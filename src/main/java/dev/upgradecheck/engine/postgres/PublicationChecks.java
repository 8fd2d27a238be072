package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.PublishedTable;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The publications pgoutput reads: present, publishing every operation, holding the captured tables. */
final class PublicationChecks {

    static final Check<PgContext> EXISTS = Check.of("pg.publication.exists", "Publication exists",
            PublicationChecks::exists);
    static final Check<PgContext> OPERATIONS = Check.of("pg.publication.operations",
            "Publication publishes insert, update and delete", PublicationChecks::operations);
    static final Check<PgContext> TABLES = Check.of("pg.publication.tables", "Publication holds the captured tables",
            PublicationChecks::tables);
    static final Check<PgContext> REPLICA_IDENTITY = Check.of("pg.replica_identity",
            "Published tables have a usable replica identity", PublicationChecks::replicaIdentity);

    static final List<Check<PgContext>> ALL = List.of(EXISTS, OPERATIONS, TABLES, REPLICA_IDENTITY);

    private PublicationChecks() {
    }

    static Outcome exists(PgContext c) throws Exception {
        List<String> missing = c.missingPublications();
        List<Publication> present = c.publications();
        if (!missing.isEmpty()) {
            Findings f = new Findings();
            missing.forEach(n -> f.fail("publication " + n + " does not exist", createStatement(c, n)));
            present.forEach(p -> f.pass("publication " + p.name() + " exists"));
            return f.outcome("every named publication present");
        }
        if (present.isEmpty()) {
            boolean pgoutputSlot = c.slots().stream().anyMatch(s -> "pgoutput".equals(s.plugin()));
            if (!pgoutputSlot && c.options().get(PgOptions.PLUGIN) != null && !"pgoutput".equals(c.options().get(PgOptions.PLUGIN))) {
                return Outcome.skip("plugin " + c.options().get(PgOptions.PLUGIN) + " does not read publications");
            }
            return Outcome.fail("no publication in database " + c.server().database(), "a publication for the CDC reader",
                    "pgoutput streams only the tables of the publications the reader names",
                    createStatement(c, "cdc_pub"));
        }
        return Outcome.pass(String.join(", ", present.stream().map(Publication::name).toList()));
    }

    static Outcome operations(PgContext c) throws Exception {
        List<Publication> pubs = c.publications();
        if (pubs.isEmpty()) {
            return Outcome.skip("no publication to check");
        }
        Findings f = new Findings();
        for (Publication p : pubs) {
            List<String> off = new ArrayList<>();
            if (!p.insert()) {
                off.add("insert");
            }
            if (!p.update()) {
                off.add("update");
            }
            if (!p.delete()) {
                off.add("delete");
            }
            if (off.isEmpty()) {
                f.pass(p.name() + ": insert, update, delete" + (Boolean.TRUE.equals(p.truncate()) ? ", truncate" : ""));
            } else {
                f.warn(p.name() + ": does not publish " + String.join(", ", off), "ALTER PUBLICATION "
                        + PgQuoting.ident(p.name()) + " SET (publish = 'insert, update, delete, truncate');");
            }
        }
        return f.outcome("insert, update, delete");
    }

    static Outcome tables(PgContext c) throws Exception {
        List<Publication> pubs = c.publications();
        if (pubs.isEmpty()) {
            return Outcome.skip("no publication to check");
        }
        Findings f = new Findings();
        Set<String> published = new LinkedHashSet<>();
        for (Publication p : pubs) {
            p.tables().forEach(t -> published.add(t.table().toString()));
            if (p.allTables()) {
                f.pass(p.name() + ": FOR ALL TABLES (" + p.tables().size() + " tables)");
            } else if (p.tables().isEmpty()) {
                f.fail(p.name() + ": publishes no table", "ALTER PUBLICATION " + PgQuoting.ident(p.name())
                        + " ADD TABLE " + (c.options().tables().isEmpty() ? "\"schema\".\"table\""
                        : PgQuoting.tables(c.options().tables())) + ";");
            } else {
                f.pass(p.name() + ": " + p.tables().size() + " tables");
            }
        }
        List<String> notPublished = c.options().tables().stream()
                .filter(t -> !published.contains(t.contains(".") ? t : "public." + t)).toList();
        if (!notPublished.isEmpty()) {
            f.fail("not published: " + String.join(", ", notPublished), "ALTER PUBLICATION "
                    + PgQuoting.ident(pubs.get(0).name()) + " ADD TABLE " + PgQuoting.tables(notPublished) + ";");
        }
        return f.outcome(c.options().tables().isEmpty() ? "at least one table" : "every --tables table published");
    }

    /**
     * UPDATE and DELETE on a published table without a usable replica identity fail on the primary (or, with
     * REPLICA IDENTITY NOTHING, lose the key); only publications that publish them need one.
     */
    static Outcome replicaIdentity(PgContext c) throws Exception {
        Set<Table> checked = new LinkedHashSet<>();
        List<PublishedTable> bad = new ArrayList<>();
        for (Publication p : c.publications()) {
            if (!p.update() && !p.delete()) {
                continue;
            }
            for (PublishedTable t : p.tables()) {
                if (checked.add(t.table()) && !t.usableIdentity()) {
                    bad.add(t);
                }
            }
        }
        if (checked.isEmpty()) {
            return Outcome.skip("no published table that publishes updates or deletes");
        }
        if (bad.isEmpty()) {
            return Outcome.pass(checked.size() + " published tables, each with a primary key or replica identity");
        }
        Findings f = new Findings();
        for (PublishedTable t : bad) {
            String why = switch (t.replicaIdentity() == null ? "d" : t.replicaIdentity()) {
                case "n" -> "REPLICA IDENTITY NOTHING";
                case "i" -> "replica identity index is gone";
                default -> "no primary key";
            };
            f.fail(t.table() + " (" + why + ")", "ALTER TABLE " + t.table().quoted()
                    + " REPLICA IDENTITY FULL; -- or add a primary key");
        }
        f.detail("UPDATE and DELETE on these tables fail while they are published, or reach the destination without a key.");
        return f.outcome("a primary key, REPLICA IDENTITY FULL or USING INDEX");
    }

    /** CREATE PUBLICATION for the tables we know of: --tables, else the baseline's, else a placeholder. */
    static String createStatement(PgContext c, String name) {
        List<String> tables = c.options().tables();
        if (tables.isEmpty() && c.baseline() != null) {
            var recorded = c.baseline().publications().stream().filter(p -> p.name().equals(name)).findFirst();
            if (recorded.isPresent() && recorded.get().allTables()) {
                return "CREATE PUBLICATION " + PgQuoting.ident(name) + " FOR ALL TABLES;";
            }
            if (recorded.isPresent()) {
                tables = recorded.get().tables().stream().map(PostgresBaseline.TableName::qualified).toList();
            }
        }
        String list = tables.isEmpty() ? "\"schema\".\"table\"" : PgQuoting.tables(tables);
        return "CREATE PUBLICATION " + PgQuoting.ident(name) + " FOR TABLE " + list + ";";
    }
}
