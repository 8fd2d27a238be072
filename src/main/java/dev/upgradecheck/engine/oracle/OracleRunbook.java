package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.ProofSteps;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.ShellWord;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;
import dev.upgradecheck.plan.Step.ReaderAction;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;

/** The upgrade procedure for a source read by LogMiner, with the statements for this platform filled in. */
final class OracleRunbook {

    private OracleRunbook() {
    }

    static Runbook build(PlanRequest request, List<TableName> tables, OracleName cdcUser) {
        Platform platform = request.platform().requireOneOf("Oracle", Platform.SELF_HOSTED, Platform.RDS);
        OracleRemedies remedies = OracleRemedies.forPlatform(platform, cdcUser != null && OracleRemedies.isCommonName(cdcUser));
        boolean rds = platform == Platform.RDS;
        Version from = request.fromVersion() == null ? null : version(request.fromVersion(), "--from");
        Version to = request.toVersion() == null ? null : version(request.toVersion(), "--to");
        String user = cdcUser == null ? "<cdc_user>" : cdcUser.quoted();

        List<String> notes = new ArrayList<>();
        if (from != null && to != null) {
            OracleUpgradePath.unsupported(from, to).ifPresent(why -> notes.add("UNSUPPORTED PATH: " + why + "."));
        }
        notes.add("An in-place upgrade keeps the SCN, the redo stream and the supplemental logging settings: the reader "
                + "resumes from its SCN if every log from that SCN on is still archived when it restarts.");
        if (from != null && to != null && from.major() < 19 && to.major() >= 19) {
            notes.add("19c removed LogMiner's CONTINUOUS_MINE option: confirm the CDC reader does not use it.");
        }
        if (to != null && to.major() >= 21 && (from == null || from.major() < 21)) {
            notes.add("21c and later are multitenant only: a non-CDB must be converted to a PDB; its redo stream, "
                    + "DBID and users change (the CDC user becomes a common C## user) and the tables need a snapshot.");
        }
        if (rds) {
            notes.add("Amazon RDS: SYS-level changes go through rdsadmin.rdsadmin_util; ARCHIVELOG follows the "
                    + "automated backup setting (retention above 0).");
        }

        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(Phase.BEFORE, "Record a baseline",
                "Saves the SCN, log mode, supplemental logging and redo layout for verify and snapshot-advice.",
                "upgrade-check precheck --engine oracle " + request.source().options()
                        + (tables.isEmpty() ? "" : " --tables " + ShellWord.quote(String.join(",", tables.stream()
                        .map(t -> OracleSession.quoteIfNeeded(t.owner().value()) + "."
                                + OracleSession.quoteIfNeeded(t.table().value())).toList())))
                        + " --save-baseline oracle-baseline.json"));
        steps.add(Step.of(Phase.BEFORE, "Confirm ARCHIVELOG and supplemental logging",
                "LOG_MODE must be ARCHIVELOG and SUPPLEMENTAL_LOG_DATA_MIN YES or IMPLICIT.",
                "SELECT LOG_MODE, SUPPLEMENTAL_LOG_DATA_MIN, SUPPLEMENTAL_LOG_DATA_ALL, CURRENT_SCN FROM V$DATABASE;"));
        List<String> tableStatements = tables.stream().map(remedies::tableSupplementalLogging).toList();
        if (!tableStatements.isEmpty()) {
            steps.add(new Step(Phase.BEFORE, "Make sure every captured table has ALL COLUMN supplemental logging",
                    "Run for any table ALL_LOG_GROUPS does not list with LOG_GROUP_TYPE 'ALL COLUMN LOGGING'.",
                    tableStatements));
        }
        steps.add(Step.of(Phase.BEFORE, "Keep archived logs longer than the window",
                "The reader resumes from archived redo: keep at least the window plus a margin.",
                remedies.archiveRetention(24)));
        steps.add(Step.of(Phase.BEFORE, "Stop writes and drain the reader",
                "Stop the applications writing to the captured tables and wait until the reader's last SCN reaches "
                        + "the current SCN; note that SCN.",
                "SELECT CURRENT_SCN FROM V$DATABASE;"));
        steps.add(Step.of(Phase.BEFORE, "Stop the CDC source",
                "Once drained: it resumes from its SCN after the upgrade.").as(ReaderAction.STOP));

        List<String> upgrade = new ArrayList<>();
        upgrade.add(rds ? "aws rds modify-db-instance --db-instance-identifier <instance> --engine-version <version> "
                + "--allow-major-version-upgrade --apply-immediately"
                : "-- run AutoUpgrade (or your standard procedure) for " + (to == null ? "the target release" : to.text()));
        steps.add(new Step(Phase.UPGRADE, "Upgrade the database",
                "Do not open the database with RESETLOGS (a flashback to a restore point does): that starts a new "
                        + "incarnation and the reader's SCN is lost.", upgrade));
        steps.add(new Step(Phase.UPGRADE, "Re-enable ARCHIVELOG if the procedure switched it off",
                "Some procedures run NOARCHIVELOG for speed; switch it back before any application write.",
                remedies.enableArchiveLog()));

        steps.add(Step.of(Phase.AFTER, "Verify against the baseline",
                "Checks log mode, supplemental logging, the redo stream since the baseline SCN and the CDC user.",
                "upgrade-check verify --engine oracle " + request.source().options()
                        + " --baseline oracle-baseline.json"));
        List<String> relog = new ArrayList<>();
        relog.add(remedies.minimalSupplementalLogging());
        relog.addAll(tableStatements);
        steps.add(new Step(Phase.AFTER, "Re-enable supplemental logging if verify found it reset",
                rds ? "On RDS the database-level setting goes through rdsadmin."
                        : "In a CDB run the ALTER DATABASE statement connected to CDB$ROOT.", relog));
        List<String> grants = new ArrayList<>();
        CdcUserCheck.SYSTEM_PRIVILEGES.forEach(p -> grants.add(remedies.grantSystemPrivilege(p, cdcUser == null
                ? new OracleName("CDC_USER") : cdcUser)));
        steps.add(new Step(Phase.AFTER, "Confirm the CDC user's privileges",
                "verify reports any missing grant with its statement; these are the system privileges for " + user + ".",
                grants));
        steps.add(Step.of(Phase.AFTER, "Decide on a snapshot",
                "REQUIRED when redo since the baseline is incomplete or logging was reset.",
                "upgrade-check snapshot-advice --engine oracle " + request.source().options()
                        + " --baseline oracle-baseline.json"));
        steps.add(Step.of(Phase.AFTER, "Resume the CDC source",
                "Then prove the pipeline with the canary and reconcile steps.").as(ReaderAction.RESUME));
        steps.addAll(ProofSteps.after("oracle", request.source(), tables.stream().map(TableName::toString).toList(),
                tables.isEmpty() ? null : tables.get(0).owner().toString(), OracleDialect.INSTANCE));
        steps.add(Step.of(Phase.AFTER, "Watch the pipeline", "Watch lag and the dead-letter queue for 24-48 hours."));
        return new Runbook("oracle", "Oracle upgrade for a LogMiner-based CDC reader"
                + (from != null && to != null ? " (" + from.text() + " -> " + to.text() + ")" : ""), notes, steps);
    }

    static Version version(String text, String option) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }
}
