package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.Optional;

/** SQL Server Agent runs the capture and cleanup jobs: when it is stopped, nothing is captured. */
final class AgentCheck {

    static final Check<SqlServerContext> CHECK = Check.of("mssql.agent", "SQL Server Agent running",
            AgentCheck::evaluate);

    private AgentCheck() {
    }

    static Outcome evaluate(SqlServerContext ctx) throws SQLException {
        SqlServerFacts f = ctx.facts();
        if (f.azureSqlDatabase()) {
            return Outcome.skip("Azure SQL Database has no SQL Server Agent: its CDC scheduler runs capture and cleanup");
        }
        try {
            Optional<Row> service = ctx.sql().first(SqlServerCatalog.AGENT_SERVICE_QUERY);
            if (service.isPresent()) {
                String status = service.get().string("status_desc");
                String observed = service.get().string("servicename") + ": " + status;
                return "Running".equalsIgnoreCase(status) ? Outcome.pass(observed)
                        : Outcome.fail(observed, "Running", "the capture job cannot run: changes pile up in the "
                        + "transaction log and are not captured", startAgent(f));
            }
            long sessions = ctx.sql().one(SqlServerCatalog.AGENT_SESSIONS_QUERY).longValue("agent_sessions");
            if (sessions > 0) {
                return Outcome.pass("SQL Server Agent sessions connected: " + sessions,
                        "sys.dm_server_services lists no Agent service here; its sessions show it runs");
            }
            return Outcome.fail("no SQL Server Agent service or session", "Running",
                    "the capture job cannot run without the Agent", startAgent(f));
        } catch (SQLException e) {
            if (SqlServerErrors.serverPermissionDenied(e)) {
                return ctx.errors().serverDenied("VIEW SERVER STATE");
            }
            throw e;
        }
    }

    private static String startAgent(SqlServerFacts f) {
        if (f.rds()) {
            return "RDS runs the Agent itself: reboot the DB instance from the RDS console or CLI if it is stopped";
        }
        if (f.managedInstance()) {
            return "Azure SQL Managed Instance runs the Agent itself: open a support case if it is stopped";
        }
        return "Windows: net start SQLSERVERAGENT (named instance: net start SQLAgent$<instance>); "
                + "Linux: sudo /opt/mssql/bin/mssql-conf set sqlagent.enabled true && sudo systemctl restart mssql-server";
    }
}
