package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.List;

/**
 * A CDC capture or cleanup job of this database: its msdb.dbo.cdc_jobs row joined to the Agent job.
 *
 * @param jobName   null when msdb.dbo.sysjobs has no such job (deleted, or hidden as on RDS)
 * @param enabled   null with jobName
 * @param retention minutes change rows are kept (cleanup job only)
 */
record CdcJob(String jobType, String jobName, Boolean enabled, Long retention) {

    static List<CdcJob> load(SqlSession sql) throws SQLException {
        return sql.query(SqlServerCatalog.CDC_JOBS_QUERY).stream().map(CdcJob::of).toList();
    }

    private static CdcJob of(Row r) {
        return new CdcJob(r.string("job_type"), r.string("job_name"), r.bool("enabled"), r.longValue("retention"));
    }

    static java.util.Optional<CdcJob> ofType(List<CdcJob> jobs, String type) {
        return jobs.stream().filter(j -> type.equalsIgnoreCase(j.jobType() == null ? "" : j.jobType().trim()))
                .findFirst();
    }
}
