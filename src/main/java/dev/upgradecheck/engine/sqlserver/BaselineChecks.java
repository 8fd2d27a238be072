package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What verify compares with the baseline: capture instances kept, and the log not gone backwards. */
final class BaselineChecks {

    static final Check<VerifyContext> CAPTURE_INSTANCES = Check.of("mssql.verify.capture_instances",
            "Capture instances survived since the baseline", BaselineChecks::captureInstances);

    static final Check<VerifyContext> MAX_LSN = Check.of("mssql.verify.max_lsn",
            "Log position not behind the baseline", BaselineChecks::maxLsn);

    static final List<Check<VerifyContext>> ALL = List.of(CAPTURE_INSTANCES, MAX_LSN);

    private BaselineChecks() {
    }

    static Outcome captureInstances(VerifyContext ctx) throws SQLException {
        List<SqlServerBaseline.Instance> instances = ctx.baselineInstances();
        if (instances.isEmpty()) {
            return Outcome.skip("the baseline recorded no capture instance for the tables in scope");
        }
        Lsn baselineMax = ctx.baseline().maxLsnValue();
        List<String> lost = new ArrayList<>();
        List<TableName> toEnable = new ArrayList<>();
        for (SqlServerBaseline.Instance before : instances) {
            VerifyContext.InstanceFate fate = ctx.fate(before);
            if (fate.kind() != VerifyContext.InstanceFate.Kind.KEPT) {
                lost.add(fate.describe(baselineMax));
            }
            if (fate.kind() == VerifyContext.InstanceFate.Kind.GONE) {
                toEnable.add(ctx.baseline().tableOf(before));
            }
        }
        if (lost.isEmpty()) {
            return Outcome.pass(instances.size() + " capture instance(s) kept, none re-created or cleaned past the "
                    + "baseline max LSN " + baselineMax);
        }
        SqlServerFacts f = ctx.live().facts();
        String remedy = toEnable.isEmpty() ? "run snapshot-advice: the affected tables need a new snapshot"
                : (ctx.live().catalog().databaseCdcEnabled() ? "" : Remedies.enableDatabase(f.database(), f.platform()) + " ")
                + Remedies.enableTables(f.database(), toEnable) + " Then snapshot the affected tables.";
        return Outcome.fail(String.join("; ", lost), "every baseline capture instance kept with start_lsn <= "
                + baselineMax, "the pipeline cannot resume from its position for these tables", remedy);
    }

    static Outcome maxLsn(VerifyContext ctx) throws SQLException {
        Lsn before = ctx.baseline().maxLsnValue();
        if (before == null) {
            return Outcome.skip("the baseline has no max LSN (CDC was off or nothing was captured then)");
        }
        Optional<Lsn> now = ctx.live().catalog().maxLsn();
        if (now.isEmpty()) {
            return Outcome.skip("no max LSN now: CDC is off on the database (see mssql.cdc.database)");
        }
        if (now.get().compareTo(before) < 0) {
            return Outcome.fail("max LSN " + now.get() + " < baseline " + before, ">= " + before,
                    "the database is behind the baseline: it was restored from an earlier backup; a reader "
                            + "resuming at the baseline position skips every change until the log passes it",
                    "snapshot the captured tables again and reset the reader's stored offset");
        }
        return Outcome.pass("max LSN " + now.get() + " >= baseline " + before);
    }
}
