package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.HumanDuration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cleanup job deletes change rows older than its retention (minutes, default 4320 = 3 days): if the
 * pipeline is stopped for longer than that, the changes it has not read are gone.
 */
final class CleanupRetentionCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.retention", "Cleanup retention covers the upgrade window",
            CleanupRetentionCheck::evaluate);

    private CleanupRetentionCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        HumanDuration window = ctx.options().window();
        if (f.azureSqlDatabase()) {
            return Outcome.skip("Azure SQL Database keeps the cleanup settings outside msdb: "
                    + "as db_owner run EXEC sys.sp_cdc_help_jobs; to see the retention");
        }
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Outcome.skip("CDC is off on " + f.database() + " (see mssql.cdc.database): there is no cleanup job");
        }
        List<CdcJob> jobs = CdcJob.load(ctx.sql());
        Optional<CdcJob> cleanup = CdcJob.ofType(jobs, "cleanup");
        if (cleanup.isEmpty() || cleanup.get().retention() == null) {
            return f.rds() && jobs.isEmpty()
                    ? Outcome.skip("RDS hides its CDC jobs from msdb's views; as db_owner run EXEC sys.sp_cdc_help_jobs;")
                    : Outcome.skip("no cleanup job (see mssql.cdc.jobs): change rows are not deleted at all");
        }
        long retention = cleanup.get().retention();
        String observed = "retention = " + retention + " minutes (" + HumanDuration.of(Duration.ofMinutes(retention)) + ")";
        if (window == null) {
            return Outcome.skip(observed + "; give --window (the upgrade's expected duration) to compare");
        }
        long windowMinutes = (window.duration().toSeconds() + 59) / 60;
        if (retention >= windowMinutes) {
            return Outcome.pass(observed).expecting(">= " + window);
        }
        long wanted = Math.max(windowMinutes * 2, 60);
        return Outcome.fail(observed, ">= " + window + " (" + windowMinutes + " minutes)",
                "change rows older than the retention are deleted while the pipeline is stopped for the upgrade",
                Remedies.cleanupRetention(f.database(), wanted, f.rds()));
    }
}
