package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.Locale;

/**
 * MySQL's gtid_mode: with GTIDs a reader resumes after a major upgrade by GTID set; without them the
 * binlog file and position may not survive and a re-snapshot follows. MariaDB always writes GTIDs.
 */
final class GtidModeCheck {

    static final String ID = "mysql.gtid_mode";

    private GtidModeCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "GTIDs are on (gtid_mode = ON)",
            ctx -> evaluate(ctx.server()));

    static Outcome evaluate(MysqlServer server) {
        if (server.isMariadb()) {
            return Outcome.skip("MariaDB always writes GTIDs (domain-server-sequence; here gtid_binlog_pos = "
                    + server.variable("gtid_binlog_pos").filter(v -> !v.isBlank()).orElse("(none yet)")
                    + "); see mysql.gtid_strict_mode");
        }
        var mode = server.variable("gtid_mode").map(v -> v.toUpperCase(Locale.ROOT));
        if (mode.isEmpty()) {
            return Outcome.error("gtid_mode is not among the server's global variables", null);
        }
        if (mode.get().equals("ON")) {
            return Outcome.pass("gtid_mode = ON").expecting("ON");
        }
        return Outcome.warn("gtid_mode = " + mode.get(), "ON",
                "Without GTIDs, resuming after a major upgrade needs a re-snapshot: the binlog file and position "
                        + "may not survive. Turning GTIDs on is an online, step-by-step change.",
                enableSteps(server));
    }

    /** The documented online procedure; each step must reach every server of the topology before the next. */
    static String enableSteps(MysqlServer server) {
        if (server.platform().isAws()) {
            return "in the " + (server.platform() == Platform.AURORA ? "cluster " : "")
                    + "parameter group set enforce_gtid_consistency = ON and gtid-mode = ON (RDS steps it through "
                    + "OFF_PERMISSIVE and ON_PERMISSIVE), then reboot";
        }
        String set = server.hasSetPersist() ? "SET PERSIST" : "SET GLOBAL";
        String steps = set + " enforce_gtid_consistency = WARN; " + set + " enforce_gtid_consistency = ON; "
                + set + " gtid_mode = OFF_PERMISSIVE; " + set + " gtid_mode = ON_PERMISSIVE; "
                + "SHOW GLOBAL STATUS LIKE 'Ongoing_anonymous_transaction_count'; (wait for 0) "
                + set + " gtid_mode = ON;";
        return server.hasSetPersist() ? steps
                : steps + " and in my.cnf [mysqld] gtid_mode = ON, enforce_gtid_consistency = ON";
    }
}
