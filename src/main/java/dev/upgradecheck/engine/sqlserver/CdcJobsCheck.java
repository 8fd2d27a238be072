package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Findings;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The capture job (reads the log into change tables) and the cleanup job exist and are enabled. */
final class CdcJobsCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.jobs", "CDC capture and cleanup jobs exist and are enabled",
            CdcJobsCheck::evaluate);

    private CdcJobsCheck() {
    }

    /** Why the database's CDC Agent jobs cannot be looked at here, decided before msdb is read; empty when they can. */
    static Optional<Outcome> notApplicable(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (f.azureSqlDatabase()) {
            return Optional.of(Outcome.skip(
                    "Azure SQL Database runs capture and cleanup with its own scheduler, not Agent jobs"));
        }
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Optional.of(Outcome.skip("CDC is off on " + f.database()
                    + " (see mssql.cdc.database): there are no CDC jobs"));
        }
        return Optional.empty();
    }

    /** RDS owns the CDC jobs and hides them: msdb.dbo.cdc_jobs answers no row there. */
    static Optional<Outcome> hiddenByRds(SqlServerFacts f, List<CdcJob> jobs) {
        return jobs.isEmpty() && f.rds()
                ? Optional.of(Outcome.skip("RDS owns the CDC jobs and hides them from msdb's views; as db_owner run "
                + "EXEC sys.sp_cdc_help_jobs; to see them"))
                : Optional.empty();
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        Optional<Outcome> skip = notApplicable(ctx);
        if (skip.isPresent()) {
            return skip.get();
        }
        SqlServerFacts f = ctx.facts();
        List<CdcJob> jobs = CdcJob.load(ctx.sql());
        Optional<Outcome> hidden = hiddenByRds(f, jobs);
        if (hidden.isPresent()) {
            return hidden.get();
        }
        Findings findings = new Findings();
        List<String> problems = new ArrayList<>();
        for (String type : List.of("capture", "cleanup")) {
            Optional<CdcJob> job = CdcJob.ofType(jobs, type);
            if (job.isEmpty()) {
                findings.fail(type + ": missing", Remedies.addJob(f.database(), type));
                problems.add("no " + type + " job");
            } else if (job.get().jobName() == null) {
                String observed = type + ": in msdb.dbo.cdc_jobs, not in msdb.dbo.sysjobs";
                if (f.rds()) {
                    findings.warn(observed, "as db_owner: EXEC sys.sp_cdc_help_jobs;");
                } else {
                    findings.fail(observed, Remedies.recreateJob(f.database(), type));
                    problems.add("the " + type + " Agent job was deleted");
                }
            } else if (!Boolean.TRUE.equals(job.get().enabled())) {
                findings.fail(type + ": " + job.get().jobName() + " disabled", "EXEC msdb.dbo.sp_update_job @job_name = "
                        + TSql.nString(job.get().jobName()) + ", @enabled = 1;");
                problems.add("the " + type + " job is disabled");
            } else {
                findings.pass(type + ": " + job.get().jobName() + " enabled");
            }
        }
        if (!problems.isEmpty()) {
            findings.detail(String.join("; ", problems)
                    + (problems.stream().anyMatch(p -> p.contains("capture")) ? ": nothing is being captured" : ""));
        } else if (findings.status() == Status.WARN) {
            findings.detail("RDS hides its CDC jobs from msdb.dbo.sysjobs, so whether they are enabled cannot be seen "
                    + "here");
        }
        return findings.outcome("capture and cleanup jobs present and enabled");
    }
}
