package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.time.Duration;

/** The last full backup msdb knows of; WARN at most: a backup history row does not prove a restore works. */
final class FullBackupCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.backup.full", "Recent full backup of the database",
            FullBackupCheck::evaluate);

    static final Duration MAX_AGE = Duration.ofHours(24);

    private FullBackupCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (!f.hasMsdb()) {
            return Outcome.skip("Azure SQL Database takes automated backups; msdb's backup history does not exist here");
        }
        Row r = ctx.sql().one(SqlServerCatalog.FULL_BACKUP_QUERY);
        String remedy = f.rds() ? "take a manual DB snapshot of the instance (RDS console or CLI) before the upgrade"
                : "BACKUP DATABASE " + TSql.bracket(f.database()) + " TO DISK = N'<path>.bak' WITH COPY_ONLY, CHECKSUM;";
        if (r.get("last_full_backup") == null) {
            return Outcome.warn("no full backup of " + f.database() + " in msdb.dbo.backupset",
                    "a full backup within " + MAX_AGE.toHours() + "h",
                    f.rds() ? "RDS automated backups are storage snapshots and do not appear in msdb" : null, remedy);
        }
        long ageMinutes = r.longValue("age_minutes");
        String observed = "last full backup " + r.string("last_full_backup") + " ("
                + dev.upgradecheck.value.HumanDuration.of(Duration.ofMinutes(Math.max(0, ageMinutes))) + " ago)";
        if (ageMinutes > MAX_AGE.toMinutes()) {
            return Outcome.warn(observed, "a full backup within " + MAX_AGE.toHours() + "h",
                    "take a fresh full backup right before the upgrade", remedy);
        }
        return Outcome.pass(observed);
    }
}
