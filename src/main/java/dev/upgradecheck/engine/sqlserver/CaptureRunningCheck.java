package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The capture job is running now. It is a continuous Agent job: enabled but stopped (stopped by hand, or failed
 * and not restarted) means nothing reaches the change tables while the log keeps growing.
 */
final class CaptureRunningCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.capture_running", "CDC capture job running now",
            CaptureRunningCheck::evaluate);

    private CaptureRunningCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        Optional<Outcome> skip = CdcJobsCheck.notApplicable(ctx);
        if (skip.isPresent()) {
            return skip.get();
        }
        SqlServerFacts f = ctx.facts();
        List<CdcJob> jobs = CdcJob.load(ctx.sql());
        Optional<Outcome> hidden = CdcJobsCheck.hiddenByRds(f, jobs);
        if (hidden.isPresent()) {
            return hidden.get();
        }
        String expected = "capture job started and not stopped in the Agent's current session";
        Optional<CdcJob> capture = CdcJob.ofType(jobs, "capture");
        if (capture.isEmpty()) {
            return Outcome.fail("no capture job", expected, "nothing is being captured",
                    Remedies.addJob(f.database(), "capture"));
        }
        if (capture.get().jobName() == null) {
            if (f.rds()) {
                return Outcome.skip("RDS hides its capture job from msdb.dbo.sysjobs, so whether it runs cannot be "
                        + "seen here; as db_owner run EXEC sys.sp_cdc_help_jobs;");
            }
            return Outcome.fail("capture job in msdb.dbo.cdc_jobs, not in msdb.dbo.sysjobs", expected,
                    "the capture Agent job was deleted: nothing is being captured",
                    Remedies.recreateJob(f.database(), "capture"));
        }
        String name = capture.get().jobName();
        Optional<Row> activity = ctx.sql().first(SqlServerCatalog.CAPTURE_ACTIVITY_QUERY);
        Object started = activity.map(r -> r.get("start_execution_date")).orElse(null);
        Object stopped = activity.map(r -> r.get("stop_execution_date")).orElse(null);
        if (started != null && stopped == null) {
            return Outcome.pass(name + " running since " + started).expecting(expected);
        }
        String observed = started == null ? name + " not started since the Agent last started"
                : name + " stopped at " + stopped;
        return Outcome.fail(observed, expected, "changes stay in the transaction log and are not captured "
                        + "(and the log cannot be truncated past them) until the capture job runs again",
                Remedies.startJob(f.database(), "capture"));
    }
}
