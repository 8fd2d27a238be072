package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.DeclaredCheck;

import java.util.List;

/**
 * The Oracle checklist, in report order: what precheck runs, what verify runs again, and the comparisons verify adds
 * with a baseline. Every engine lists its checks this way; {@link #declared()} is what --only/--skip are judged
 * against.
 */
final class OracleChecks {

    static final List<Check<OracleContext>> PRECHECK = List.of(
            VersionCheck.CHECK,
            ArchiveLogModeCheck.CHECK,
            SupplementalLoggingCheck.CHECK,
            TableSupplementalLoggingCheck.CHECK,
            RedoLogCheck.CHECK,
            ArchivedLogCheck.CHECK,
            CdcUserCheck.CHECK,
            ReaderCheck.CHECK,
            BackupCheck.CHECK);

    static final List<Check<OracleContext>> VERIFY = List.of(
            VersionCheck.CHECK,
            DatabaseIdentityCheck.CHECK,
            ArchiveLogModeCheck.CHECK,
            SupplementalLoggingCheck.CHECK,
            TableSupplementalLoggingCheck.CHECK,
            RedoLogCheck.CHECK,
            ArchivedLogCheck.CHECK,
            RedoContinuityCheck.CHECK,
            CdcUserCheck.CHECK,
            ReaderCheck.CHECK);

    /** The comparisons with the baseline among VERIFY (without one they say so). */
    static final List<Check<OracleContext>> BASELINE = List.of(DatabaseIdentityCheck.CHECK, RedoContinuityCheck.CHECK);

    private OracleChecks() {
    }

    static List<DeclaredCheck> declared() {
        return DeclaredCheck.of(PRECHECK, BASELINE);
    }
}
