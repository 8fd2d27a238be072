package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.value.HumanDuration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * How far the capture job trails the log, from its latest finished log scan session. It says nothing about the
 * CDC reader: how far the reader is through the change tables is known only to the reader, so the detail says so
 * and gives the max LSN to compare against.
 */
final class CaptureLatencyCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.cdc.latency", "CDC capture latency",
            CaptureLatencyCheck::evaluate);

    /** The capture job polls every 5 s by default: minutes behind means it cannot keep up with the writes. */
    static final Duration MAX_LATENCY = Duration.ofMinutes(5);

    private CaptureLatencyCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (!ctx.catalog().databaseCdcEnabled()) {
            return Outcome.skip("CDC is off on " + f.database() + " (see mssql.cdc.database): nothing is captured");
        }
        Optional<Row> session;
        try {
            session = ctx.sql().first(SqlServerCatalog.LOG_SCAN_SESSION_QUERY);
        } catch (SQLException e) {
            if (SqlServerErrors.databasePermissionDenied(e)) {
                Outcome named = ctx.errors().translate(e);
                return named.remedy() != null ? named : ctx.errors().databaseDenied("VIEW DATABASE STATE", f.database());
            }
            throw e;
        }
        String expected = "at most " + HumanDuration.of(MAX_LATENCY);
        String reader = readerNote(ctx);
        if (session.isEmpty()) {
            return Outcome.skip("no finished log scan session since SQL Server last started or failed over (the view "
                    + "is reset then, and empty on an availability-group secondary), so capture latency cannot be "
                    + "measured; see mssql.cdc.capture_running. " + reader);
        }
        Row r = session.get();
        if (r.longValue("latency") == null) {
            return Outcome.skip("log scan session " + r.longValue("session_id") + " recorded no latency, so capture "
                    + "latency cannot be measured. " + reader);
        }
        long latency = r.longValue("latency");
        String observed = "latency " + HumanDuration.of(Duration.ofSeconds(Math.max(0, latency)))
                + " in log scan session " + r.longValue("session_id") + " ended " + r.string("end_time");
        if (latency > MAX_LATENCY.toSeconds()) {
            return Outcome.warn(observed, expected, "the capture job is behind the log: changes reach the change "
                    + "tables late, and draining before the upgrade takes at least that long. " + reader,
                    "let capture catch up before stopping the pipeline; if it stays behind, let it read more per scan: "
                            + "USE " + TSql.bracket(f.database()) + "; EXEC sys.sp_cdc_change_job @job_type = "
                            + "N'capture', @maxtrans = 1000, @maxscans = 100; EXEC sys.sp_cdc_stop_job @job_type = "
                            + "N'capture'; EXEC sys.sp_cdc_start_job @job_type = N'capture';");
        }
        return Outcome.pass(observed, reader).expecting(expected);
    }

    /** What the server cannot tell: whether the reader has consumed the change tables up to the max LSN. */
    private static String readerNote(SqlServerContext ctx) throws SQLException {
        String maxLsn = ctx.catalog().maxLsn().map(Lsn::toString).orElse("none yet");
        return "Whether the CDC reader has drained the change tables cannot be seen from the server: with writes "
                + "stopped, compare the reader's last processed LSN with sys.fn_cdc_get_max_lsn() = " + maxLsn + ".";
    }
}
