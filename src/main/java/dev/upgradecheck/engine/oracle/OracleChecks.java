package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;

import java.util.List;

/** The Oracle checklist, in report order: precheck's configuration checks, and verify's comparisons after them. */
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

    private OracleChecks() {
    }
}
