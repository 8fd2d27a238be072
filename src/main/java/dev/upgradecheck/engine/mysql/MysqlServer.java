package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.engine.ServerInfo;
import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;
import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a session learns once, on connect: flavour, version, platform, the connecting account and the global
 * variables (read with one {@code SHOW GLOBAL VARIABLES}, which every version and flavour answers).
 */
public record MysqlServer(Flavour flavour, Version version, String versionText, Platform platform,
                          MysqlAccount connectingAccount, Map<String, String> variables) {

    static final String IDENTITY = """
            SELECT VERSION() AS version, CURRENT_USER() AS account""";

    static final String GLOBAL_VARIABLES = "SHOW GLOBAL VARIABLES";

    /** RDS (and Aurora) install this procedure; users with EXECUTE on it see it in ROUTINES. */
    static final String RDS_PROCEDURE = """
            SELECT COUNT(*) AS n FROM information_schema.ROUTINES
            WHERE ROUTINE_SCHEMA = 'mysql' AND ROUTINE_NAME = 'rds_show_configuration'""";

    public MysqlServer {
        variables = Map.copyOf(variables);
    }

    static MysqlServer read(SqlSession sql) throws SQLException {
        Row identity = sql.one(IDENTITY);
        Map<String, String> variables = new TreeMap<>();
        for (Row r : sql.query(GLOBAL_VARIABLES)) {
            variables.put(r.string("variable_name"), r.string("value"));
        }
        return of(identity.string("version"), identity.string("account"), variables,
                () -> sql.one(RDS_PROCEDURE).longValue("n") > 0);
    }

    /** Whether RDS's procedure is installed; asked only when the variables do not already name the platform. */
    interface RdsProcedureProbe {
        boolean installed() throws SQLException;
    }

    /** The facts from what the server answered, read one by one ({@link #read}) or together ({@link MysqlCatalog}). */
    static MysqlServer of(String versionText, String account, Map<String, String> variables,
                          RdsProcedureProbe rdsProcedure) throws SQLException {
        Map<String, String> byName = new TreeMap<>();
        variables.forEach((name, value) -> byName.put(name.toLowerCase(Locale.ROOT), value));
        return new MysqlServer(Flavour.fromVersionText(versionText), Version.parse(versionText), versionText,
                platform(byName, rdsProcedure), MysqlAccount.parse(account), byName);
    }

    /** Aurora MySQL has {@code aurora_version}; RDS installs under /rdsdbbin and ships mysql.rds_* procedures. */
    private static Platform platform(Map<String, String> variables, RdsProcedureProbe rdsProcedure)
            throws SQLException {
        if (variables.containsKey("aurora_version")) {
            return Platform.AURORA;
        }
        String basedir = variables.getOrDefault("basedir", "");
        if (basedir.startsWith("/rdsdbbin")) {
            return Platform.RDS;
        }
        if (rdsProcedure.installed()) {
            return Platform.RDS;
        }
        // Cloud SQL and Azure expose no reliable marker to an unprivileged user; they are treated as self-hosted
        // here and named by plan's --platform.
        return Platform.SELF_HOSTED;
    }

    public boolean isMariadb() {
        return flavour == Flavour.MARIADB;
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A boolean variable as the server prints it (ON/OFF, 1/0); absent or unrecognised is empty. */
    public Optional<Boolean> flag(String name) {
        return variable(name).map(v -> v.trim().toUpperCase(Locale.ROOT)).flatMap(v -> switch (v) {
            case "ON", "1", "YES", "TRUE" -> Optional.of(true);
            case "OFF", "0", "NO", "FALSE" -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    /** MySQL's gtid_mode is ON; MariaDB always writes GTIDs (domain-server-seq) and has no gtid_mode. */
    public boolean gtidOn() {
        return isMariadb() || variable("gtid_mode").map(v -> v.equalsIgnoreCase("ON")).orElse(false);
    }

    /**
     * The statement that reports the current binlog file and position: MySQL 8.2 renamed SHOW MASTER STATUS
     * to SHOW BINARY LOG STATUS (the old one is gone in 8.4); MariaDB 10.5.2 added SHOW BINLOG STATUS.
     */
    public String binlogStatusStatement() {
        return binlogStatusStatement(flavour, version);
    }

    static String binlogStatusStatement(Flavour flavour, Version version) {
        if (flavour == Flavour.MARIADB) {
            return version.atLeast(10, 5, 2) ? "SHOW BINLOG STATUS" : "SHOW MASTER STATUS";
        }
        return version.atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    /** Where {@code SET PERSIST} exists (MySQL 8.0+), settings survive a restart without editing my.cnf. */
    public boolean hasSetPersist() {
        return !isMariadb() && version.atLeast(8, 0);
    }

    public ServerInfo info() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("flavour", flavour.name().toLowerCase(Locale.ROOT));
        variable("server_uuid").ifPresent(v -> details.put("server_uuid", v));
        variable("server_id").ifPresent(v -> details.put("server_id", v));
        details.put("gtid", gtidOn() ? "on" : "off");
        return new ServerInfo(flavour.product(), versionText, platform.id(), details);
    }
}
