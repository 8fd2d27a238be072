package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;

/** The exact way to change a server setting on this server: SET PERSIST, SET GLOBAL + my.cnf, or the parameter group. */
final class SettingRemedy {

    private SettingRemedy() {
    }

    /**
     * @param dynamic whether the variable can be changed at run time (otherwise a restart is needed)
     * @param value   the value as written in SQL ({@code 'ROW'}, {@code ON}, {@code 86400})
     */
    static String set(MysqlServer server, String variable, String value, boolean dynamic) {
        String plain = value.replace("'", "");
        if (server.platform() == Platform.AURORA) {
            return "aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name <your-cluster-parameter-group>"
                    + " --parameters \"ParameterName=" + variable + ",ParameterValue=" + plain
                    + ",ApplyMethod=" + (dynamic ? "immediate" : "pending-reboot") + "\"" + (dynamic ? "" : " (then reboot the writer)");
        }
        if (server.platform() == Platform.RDS) {
            return "aws rds modify-db-parameter-group --db-parameter-group-name <your-parameter-group>"
                    + " --parameters \"ParameterName=" + variable + ",ParameterValue=" + plain
                    + ",ApplyMethod=" + (dynamic ? "immediate" : "pending-reboot") + "\"" + (dynamic ? "" : " (then reboot)");
        }
        String cnf = "[mysqld] " + variable + " = " + plain + " in my.cnf";
        if (!dynamic) {
            return cnf + ", then restart the server";
        }
        if (server.hasSetPersist()) {
            return "SET PERSIST " + variable + " = " + value + ";";
        }
        return "SET GLOBAL " + variable + " = " + value + "; and " + cnf + " (SET GLOBAL does not survive a restart)";
    }
}
