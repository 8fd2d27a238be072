package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.postgres.PgCatalog.Reader;
import dev.upgradecheck.engine.postgres.PgCatalog.Role;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;

import java.util.List;
import java.util.Optional;

/** The CDC role's rights, and the reader seen from the server. */
final class RoleChecks {

    static final Check<PgContext> CDC_ROLE = Check.of("pg.cdc_role", "CDC role may replicate and read the tables",
            RoleChecks::cdcRole);
    static final Check<PgContext> READER = Check.of("pg.reader", "The CDC reader is streaming", RoleChecks::reader);

    private RoleChecks() {
    }

    /** Streaming needs REPLICATION (or rds_replication on RDS/Aurora); snapshots need SELECT on the tables. */
    static Outcome cdcRole(PgContext c) throws Exception {
        String name = c.cdcRole();
        Optional<Role> role = c.catalog().role(name);
        if (role.isEmpty()) {
            return Outcome.fail("role " + name + " does not exist", "an existing login role", null,
                    "CREATE ROLE " + PgQuoting.ident(name) + " LOGIN REPLICATION;");
        }
        Role r = role.get();
        Findings f = new Findings();
        boolean managed = c.server().platform() == Platform.RDS || c.server().platform() == Platform.AURORA;
        if (r.superuser() || r.replication() || r.rdsReplication()) {
            f.pass(name + ": " + (r.superuser() ? "superuser" : r.replication() ? "REPLICATION" : "member of rds_replication"));
        } else {
            f.fail(name + ": no REPLICATION", managed ? "GRANT rds_replication TO " + PgQuoting.ident(name) + ";"
                    : "ALTER ROLE " + PgQuoting.ident(name) + " REPLICATION;");
        }
        if (!r.canLogin()) {
            f.fail(name + ": cannot log in", "ALTER ROLE " + PgQuoting.ident(name) + " LOGIN;");
        }
        List<String> ours = c.publications().stream()
                .flatMap(p -> p.tables().stream().map(t -> t.table().toString())).distinct().toList();
        List<Table> denied = c.catalog().tablesWithoutSelect(name).stream()
                .filter(t -> ours.contains(t.toString())).toList();
        if (!denied.isEmpty()) {
            f.fail("no SELECT on " + String.join(", ", denied.stream().map(Table::toString).toList()),
                    "GRANT SELECT ON " + String.join(", ", denied.stream().map(Table::quoted).toList()) + " TO "
                            + PgQuoting.ident(name) + ";");
        } else if (!ours.isEmpty()) {
            f.pass("SELECT on the " + ours.size() + " published tables");
        }
        return f.outcome("REPLICATION and SELECT on the published tables");
    }

    /** What the WAL sender behind each active slot reports (state, positions); needs pg_read_all_stats for other roles. */
    static Outcome reader(PgContext c) throws Exception {
        List<String> active = c.slots().stream().filter(Slot::logical).filter(Slot::active).map(Slot::name).toList();
        if (active.isEmpty()) {
            return Outcome.skip("no reader is connected to a slot (see pg.slot.active)");
        }
        List<Reader> readers = c.catalog().readers().stream().filter(r -> active.contains(r.slot())).toList();
        if (readers.isEmpty()) {
            return Outcome.skip("the active slots are held by a backend, not a WAL sender (pg_logical_slot_get_changes?)");
        }
        Findings f = new Findings();
        for (Reader r : readers) {
            String seen = r.slot() + ": " + r.state() + " to " + (r.applicationName() == null || r.applicationName().isEmpty()
                    ? "pid " + r.pid() : r.applicationName()) + (r.flushLsn() == null ? "" : ", flushed " + r.flushLsn());
            if ("streaming".equals(r.state())) {
                f.pass(seen);
            } else {
                f.warn(seen, "wait until the reader reaches streaming (catchup means it is still reading old WAL)");
            }
        }
        return f.outcome("streaming");
    }
}
