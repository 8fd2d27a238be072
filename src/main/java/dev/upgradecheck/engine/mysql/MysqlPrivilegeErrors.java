package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.ErrorTranslator;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.SqlErrors;
import dev.upgradecheck.value.UserText;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns MySQL's "access denied" errors into an ERROR that names the missing privilege and the exact GRANT
 * for the connecting account; everything else gets the generic JDBC wording.
 */
final class MysqlPrivilegeErrors implements ErrorTranslator {

    /** 1227: "Access denied; you need (at least one of) the SUPER, BINLOG MONITOR privilege(s) for this operation". */
    private static final Pattern NEEDED = Pattern.compile("need \\(at least one of\\) the (.+?) privilege");
    /** 1142: "SELECT command denied to user 'u'@'h' for table `mysql`.`user`" (MySQL: ... for table 'user'). */
    private static final Pattern TABLE = Pattern.compile("^(\\w+) command denied .* for table [`']?(?:([^`'.]+)[`']?\\.[`']?)?([^`'.]+)[`']?");
    /** 1370: "execute command denied to user 'u'@'h' for routine 'mysql.rds_show_configuration'". */
    private static final Pattern ROUTINE = Pattern.compile("for routine [`']?([^`'.]+)[`']?\\.[`']?([^`'.]+)[`']?");
    /** 1044: "Access denied for user 'u'@'h' to database 'mysql'". */
    private static final Pattern DATABASE = Pattern.compile("to database [`']([^`']+)[`']");

    private final MysqlAccount connecting;

    MysqlPrivilegeErrors(MysqlAccount connecting) {
        this.connecting = connecting;
    }

    @Override
    public Outcome translate(Exception failure) {
        if (failure instanceof SQLException e && e.getMessage() != null) {
            String message = UserText.firstLine(e.getMessage());
            String to = " TO " + connecting.quoted() + ";";
            switch (e.getErrorCode()) {
                case 1227 -> {
                    Matcher m = NEEDED.matcher(message);
                    if (m.find()) {
                        String privilege = leastPowerful(m.group(1));
                        return denied(message, "GRANT " + privilege + " ON *.*" + to);
                    }
                }
                case 1142 -> {
                    Matcher m = TABLE.matcher(message);
                    if (m.find()) {
                        String schema = m.group(2) == null ? "mysql" : m.group(2);
                        return denied(message, "GRANT " + m.group(1).toUpperCase(java.util.Locale.ROOT) + " ON "
                                + MysqlIdentifiers.quote(schema) + "." + MysqlIdentifiers.quote(m.group(3)) + to);
                    }
                }
                case 1370 -> {
                    Matcher m = ROUTINE.matcher(message);
                    if (m.find()) {
                        return denied(message, "GRANT EXECUTE ON PROCEDURE " + MysqlIdentifiers.quote(m.group(1))
                                + "." + MysqlIdentifiers.quote(m.group(2)) + to);
                    }
                }
                case 1044 -> {
                    Matcher m = DATABASE.matcher(message);
                    if (m.find()) {
                        return denied(message, "GRANT SELECT ON " + MysqlIdentifiers.quote(m.group(1)) + ".*" + to);
                    }
                }
                default -> {
                    // not a privilege error: fall through to the generic wording
                }
            }
        }
        return SqlErrors.generic(failure);
    }

    private static Outcome denied(String message, String grant) {
        return Outcome.error("missing privilege: " + message, grant);
    }

    /** Of "SUPER, REPLICATION CLIENT", the one to grant is never SUPER when something narrower will do. */
    static String leastPowerful(String list) {
        List<String> names = new ArrayList<>(Arrays.stream(list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
        if (names.size() > 1) {
            names.removeIf(n -> n.equalsIgnoreCase("SUPER"));
        }
        return names.get(names.size() - 1);
    }
}
