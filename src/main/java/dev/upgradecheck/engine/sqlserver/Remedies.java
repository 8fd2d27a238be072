package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.Platform;
import java.util.List;
import java.util.stream.Collectors;

/** The statements that turn CDC on, per platform; shared by the checks and the runbook so they never drift. */
final class Remedies {

    private Remedies() {
    }

    /**
     * Enables CDC on the database. RDS and Cloud SQL do it through their own msdb procedures, because their
     * admin users are not sysadmin, which sys.sp_cdc_enable_db requires.
     */
    static String enableDatabase(String database, Platform platform) {
        return switch (platform) {
            case RDS -> "EXEC msdb.dbo.rds_cdc_enable_db " + TSql.string(database) + ";";
            case CLOUDSQL -> "EXEC msdb.dbo.gcloudsql_cdc_enable_db " + TSql.string(database) + ";";
            default -> "USE " + TSql.bracket(database) + "; EXEC sys.sp_cdc_enable_db;";
        };
    }

    /** Enables CDC on one table, with no gating role (add @role_name = N'...' to restrict readers). */
    static String enableTable(TableName table) {
        return "EXEC sys.sp_cdc_enable_table @source_schema = " + TSql.nString(table.schema())
                + ", @source_name = " + TSql.nString(table.table()) + ", @role_name = NULL;";
    }

    static String enableTables(String database, List<TableName> tables) {
        String prefix = database == null ? "" : "USE " + TSql.bracket(database) + "; ";
        return prefix + tables.stream().map(Remedies::enableTable).collect(Collectors.joining(" "));
    }

    static String addJob(String database, String jobType) {
        return "USE " + TSql.bracket(database) + "; EXEC sys.sp_cdc_add_job @job_type = " + TSql.nString(jobType) + ";";
    }

    /** Drops the msdb.dbo.cdc_jobs row of a job whose Agent job was deleted, and creates both again. */
    static String recreateJob(String database, String jobType) {
        return "USE " + TSql.bracket(database) + "; EXEC sys.sp_cdc_drop_job @job_type = " + TSql.nString(jobType)
                + "; EXEC sys.sp_cdc_add_job @job_type = " + TSql.nString(jobType) + ";";
    }

    static String startJob(String database, String jobType) {
        return "USE " + TSql.bracket(database) + "; EXEC sys.sp_cdc_start_job @job_type = " + TSql.nString(jobType)
                + ";";
    }

    static String cleanupRetention(String database, long minutes, boolean rds) {
        String change = "USE " + TSql.bracket(database) + "; EXEC sys.sp_cdc_change_job @job_type = N'cleanup', "
                + "@retention = " + minutes + ";";
        // RDS Multi-AZ recreates the jobs on failover from its own configuration, so set both
        return rds ? change + " EXEC rdsadmin.dbo.rds_set_configuration 'cdc_cleanup_retention', " + minutes + ";"
                : change;
    }
}
