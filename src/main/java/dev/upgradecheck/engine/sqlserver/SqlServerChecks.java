package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.DeclaredCheck;

import java.util.List;

/**
 * The SQL Server checklist, in report order: what precheck runs, what verify runs again, and the comparisons verify adds
 * with a baseline. Every engine lists its checks this way; {@link #declared()} is what --only/--skip are judged
 * against.
 */
final class SqlServerChecks {

    /** precheck: the configuration checks, which verify runs again. */
    static final List<Check<SqlServerContext>> PRECHECK = List.of(
            VersionCheck.CHECK,
            DatabaseCdcCheck.CHECK,
            TableCdcCheck.CHECK,
            AgentCheck.CHECK,
            CdcJobsCheck.CHECK,
            CaptureRunningCheck.CHECK,
            CaptureLatencyCheck.CHECK,
            CleanupRetentionCheck.CHECK,
            CdcUserSelectCheck.CHECK,
            GatingRoleCheck.CHECK,
            FullBackupCheck.CHECK);

    static final List<Check<SqlServerContext>> VERIFY = PRECHECK;

    /** verify --baseline: capture instances kept, and the log not gone backwards. */
    static final List<Check<VerifyContext>> BASELINE = BaselineChecks.ALL;

    private SqlServerChecks() {
    }

    static List<DeclaredCheck> declared() {
        return DeclaredCheck.of(PRECHECK, BASELINE);
    }
}
