package dev.upgradecheck.engine.sqlserver;

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
import java.util.Optional;
import java.util.Set;

/** The SQL Server upgrade procedure for a CDC source, with the database and captured tables filled in. */
final class SqlServerRunbook {

    static final String PLACEHOLDER_DATABASE = "<database>";
    private static final long DEFAULT_RETENTION_MINUTES = 4320;

    private SqlServerRunbook() {
    }

    static Runbook plan(PlanRequest request) {
        Platform platform = request.platform().requireOneOf("SQL Server", Platform.SELF_HOSTED, Platform.RDS,
                Platform.AZURE, Platform.CLOUDSQL);
        List<TableName> tables = request.target().tables().stream().map(TableName::parse).toList();
        String database = tables.stream().map(TableName::database).filter(d -> d != null).findFirst()
                .orElse(PLACEHOLDER_DATABASE);
        List<TableName> shown = tables.isEmpty() ? List.of(TableName.of("dbo", "<table>")) : tables;
        String db = TSql.bracket(database);
        boolean azureDb = platform == Platform.AZURE;
        long retention = DEFAULT_RETENTION_MINUTES;
        if (request.target().window() != null) {
            retention = Math.max(retention, 2 * ((request.target().window().duration().toSeconds() + 59) / 60));
        }

        List<String> notes = new ArrayList<>();
        notes.add(path(request, platform));
        if (database.equals(PLACEHOLDER_DATABASE)) {
            notes.add("Replace <database> with the captured database (or pass --tables database.schema.table, "
                    + "or --url to fill it in from the server).");
        }
        notes.add("CDC is per database: run the steps in the captured database; the CDC jobs live in msdb.");

        List<Step> steps = new ArrayList<>();
        steps.add(Step.of(Phase.BEFORE, "Check CDC and save a baseline",
                "Records the max LSN and each capture instance's start LSN, which verify compares after the upgrade.",
                "upgrade-check precheck --engine sqlserver " + request.source().options() + " --tables "
                        + ShellWord.quote(String.join(",", shown.stream().map(TableName::display).toList()))
                        + " --window <duration> --save-baseline sqlserver-baseline.json"));
        steps.add(Step.of(Phase.BEFORE, "Record the CDC configuration",
                "Keep the output: it is what you re-create if the upgrade loses CDC (capture instances, gating roles, "
                        + "captured columns, job settings).",
                "USE " + db + "; EXEC sys.sp_cdc_help_change_data_capture;",
                "USE " + db + "; EXEC sys.sp_cdc_help_jobs;"));
        if (!azureDb) {
            steps.add(Step.of(Phase.BEFORE, "Make cleanup retention cover the window",
                    "The cleanup job deletes change rows older than its retention (minutes); the pipeline is stopped "
                            + "during the upgrade and must find its changes afterwards.",
                    Remedies.cleanupRetention(database, retention, platform == Platform.RDS)));
        }
        steps.add(Step.of(Phase.BEFORE, "Take a full backup", backupDetail(platform), backupStatements(platform, db)));
        steps.add(Step.of(Phase.BEFORE, "Stop writes and drain the pipeline",
                "Stop the applications writing to the captured tables and wait until the CDC reader has read up to "
                        + "the max LSN (compare it with the reader's stored offset).",
                "USE " + db + "; SELECT sys.fn_cdc_get_max_lsn() AS max_lsn;"));
        steps.add(Step.of(Phase.BEFORE, "Stop the CDC source",
                "Once drained: it resumes from its stored LSN after the upgrade.").as(ReaderAction.STOP));
        steps.addAll(upgradeSteps(platform, database));
        steps.add(Step.of(Phase.AFTER, "Make sure CDC is still enabled",
                "An in-place upgrade keeps it; a restore may not. Re-enable only what the query shows is missing: a "
                        + "re-enabled table starts a new capture instance, so that table needs a new snapshot.",
                "SELECT name, is_cdc_enabled FROM sys.databases WHERE name = " + TSql.nString(database) + ";",
                "USE " + db + "; SELECT s.name AS source_schema, t.name AS source_table, t.is_tracked_by_cdc "
                        + "FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id "
                        + "WHERE t.is_tracked_by_cdc = 1;",
                Remedies.enableDatabase(database, platform),
                Remedies.enableTables(database, shown)));
        if (!azureDb) {
            steps.add(Step.of(Phase.AFTER, "Make sure SQL Server Agent and the capture job run",
                    "Without the Agent the capture job does not run and nothing is captured.",
                    agentStatements(platform, db)));
        }
        steps.add(Step.of(Phase.AFTER, "Verify against the baseline",
                "Fails when a capture instance was dropped or re-created, or cleanup deleted changes past the baseline.",
                "upgrade-check verify --engine sqlserver " + request.source().options()
                        + " --baseline sqlserver-baseline.json",
                "upgrade-check snapshot-advice --engine sqlserver " + request.source().options()
                        + " --baseline sqlserver-baseline.json"));
        steps.add(Step.of(Phase.AFTER, "Resume the CDC source",
                "Then prove the pipeline with the canary and reconcile steps.").as(ReaderAction.RESUME));
        steps.add(Step.of(Phase.AFTER, "Snapshot the tables snapshot-advice names",
                "Only the tables it names, if any (a re-enabled table's new capture instance holds no change from "
                        + "before its creation).")
                .as(ReaderAction.RESNAPSHOT));
        steps.addAll(ProofSteps.after("sqlserver", request.source(), tables.stream().map(TableName::display).toList(),
                shown.get(0).schema(), SqlServerDialect.INSTANCE));
        steps.add(Step.of(Phase.AFTER, "Watch the pipeline", "Watch lag and the dead-letter queue for 24-48 hours."));
        return new Runbook("sqlserver", "SQL Server upgrade with change data capture", notes, steps);
    }

    private static String path(PlanRequest request, Platform platform) {
        if (request.fromVersion() == null || request.toVersion() == null) {
            return "Give --from and --to (e.g. 2019 and 2022) to classify the upgrade.";
        }
        int from = SqlServerRelease.major(request.fromVersion());
        int to = SqlServerRelease.major(request.toVersion());
        String names = SqlServerRelease.nameOfMajor(from) + " -> " + SqlServerRelease.nameOfMajor(to);
        if (to < from) {
            throw new BadInputException("--to " + request.toVersion() + " is older than --from "
                    + request.fromVersion() + ": SQL Server databases cannot move to an older release");
        }
        // Setup's paths; a managed service (RDS, Cloud SQL, Azure) publishes its own
        Optional<String> unsupported = platform == Platform.SELF_HOSTED
                ? InPlaceUpgradePath.unsupported(SqlServerRelease.ofMajor(from), to) : Optional.empty();
        if (unsupported.isPresent()) {
            return "UNSUPPORTED PATH: " + names + ": " + unsupported.get() + ".";
        }
        return to == from ? names + ": an update within the release (CU/GDR)."
                : names + ": a major upgrade; in place it keeps CDC, a move by backup/restore needs KEEP_CDC.";
    }

    private static String backupDetail(Platform platform) {
        return switch (platform) {
            case RDS -> "RDS: take a manual DB snapshot; note that restoring any RDS backup disables CDC.";
            case AZURE -> "Azure takes automated backups; a copy-only backup (Managed Instance) gives a restore "
                    + "point you control.";
            default -> "A copy-only full backup does not disturb the backup chain.";
        };
    }

    private static String[] backupStatements(Platform platform, String db) {
        return switch (platform) {
            case RDS -> new String[] {"aws rds create-db-snapshot --db-instance-identifier <instance> "
                    + "--db-snapshot-identifier <instance>-before-upgrade"};
            case AZURE -> new String[] {};
            default -> new String[] {"BACKUP DATABASE " + db + " TO DISK = N'<path>.bak' WITH COPY_ONLY, CHECKSUM;"};
        };
    }

    private static List<Step> upgradeSteps(Platform platform, String database) {
        String db = TSql.bracket(database);
        return switch (platform) {
            case RDS -> List.of(Step.of(Phase.UPGRADE, "Upgrade the RDS instance in place",
                    "Modify the DB instance's engine version. Do not move the database by snapshot or point-in-time "
                            + "restore: RDS disables CDC and removes its metadata on every restore.",
                    "aws rds modify-db-instance --db-instance-identifier <instance> --engine-version <version> "
                            + "--allow-major-version-upgrade --apply-immediately"));
            case AZURE -> List.of(Step.of(Phase.UPGRADE, "Let Azure apply the update",
                    "Azure SQL Database and Managed Instance apply engine updates in place and keep CDC."));
            case CLOUDSQL -> List.of(Step.of(Phase.UPGRADE, "Upgrade the Cloud SQL instance in place",
                    "Upgrade the instance's database version; CDC stays enabled on the database.",
                    "gcloud sql instances patch <instance> --database-version=<version>"));
            default -> List.of(
                    Step.of(Phase.UPGRADE, "Upgrade SQL Server in place",
                            "Run SQL Server setup's in-place upgrade on this server: the database keeps CDC, its "
                                    + "change tables and the msdb jobs."),
                    Step.of(Phase.UPGRADE, "Or: move the database to the new server with KEEP_CDC",
                            "A restore drops CDC unless WITH KEEP_CDC; the jobs live in msdb and must be added "
                                    + "on the new server.",
                            "RESTORE DATABASE " + db + " FROM DISK = N'<path>.bak' WITH KEEP_CDC;",
                            Remedies.addJob(database, "capture"),
                            Remedies.addJob(database, "cleanup")));
        };
    }

    private static String[] agentStatements(Platform platform, String db) {
        List<String> s = new ArrayList<>();
        s.add("SELECT servicename, status_desc FROM sys.dm_server_services;");
        if (platform == Platform.SELF_HOSTED) {
            s.add("net start SQLSERVERAGENT");
            s.add("sudo /opt/mssql/bin/mssql-conf set sqlagent.enabled true && sudo systemctl restart mssql-server");
        }
        s.add("USE " + db + "; EXEC sys.sp_cdc_start_job @job_type = N'capture';");
        return s.toArray(String[]::new);
    }
}
