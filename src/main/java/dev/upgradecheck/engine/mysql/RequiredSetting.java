package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.check.Status;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A server variable CDC needs at one value, judged from {@code SHOW GLOBAL VARIABLES}: the binlog settings
 * and the GTID companions. One evaluation for all of them; each entry says what is wrong with another value.
 *
 * @param appliesTo  which servers have the variable (others SKIP, saying why)
 * @param sqlValue   the expected value as a SET statement writes it
 * @param dynamic    whether SET GLOBAL changes it without a restart
 * @param whenWrong  FAIL (CDC breaks) or WARN (CDC degrades)
 */
record RequiredSetting(String id, String title, String variable, String expected, String sqlValue, boolean dynamic,
                       Status whenWrong, Predicate<MysqlServer> appliesTo, String notApplicable, String why) {

    /** The settings without which the binlog does not hold the changed rows a reader decodes. */
    static final List<String> ROW_EVENTS = List.of("log_bin", "binlog_format", "binlog_row_image");

    static List<RequiredSetting> all() {
        return List.of(
                new RequiredSetting("mysql.log_bin", "Binary logging is on", "log_bin", "ON", "ON", false,
                        Status.FAIL, s -> true, null,
                        "CDC reads changes from the binary log; without it there is nothing to read."),
                new RequiredSetting("mysql.binlog_format", "binlog_format is ROW", "binlog_format", "ROW", "'ROW'", true,
                        Status.FAIL, s -> true, null,
                        "STATEMENT and MIXED log SQL text, not the changed rows a CDC reader decodes."),
                new RequiredSetting("mysql.binlog_row_image", "binlog_row_image is FULL", "binlog_row_image", "FULL",
                        "'FULL'", true, Status.FAIL, s -> true, null,
                        "MINIMAL and NOBLOB leave columns out of the row events, so updates arrive incomplete."),
                new RequiredSetting("mysql.binlog_row_value_options", "binlog_row_value_options is not PARTIAL_JSON",
                        "binlog_row_value_options", "", "''", true, Status.WARN,
                        s -> !s.isMariadb() && s.variable("binlog_row_value_options").isPresent(),
                        "only MySQL 8.0.3 and later have binlog_row_value_options",
                        "PARTIAL_JSON logs only the changed part of a JSON document; most CDC readers cannot "
                                + "apply such partial updates."),
                new RequiredSetting("mysql.enforce_gtid_consistency", "enforce_gtid_consistency is ON",
                        "enforce_gtid_consistency", "ON", "ON", true, Status.WARN, s -> !s.isMariadb(),
                        "MariaDB has no enforce_gtid_consistency: its GTIDs need no such mode",
                        "gtid_mode can only be ON with it; without GTIDs a major upgrade loses the binlog position."),
                new RequiredSetting("mysql.gtid_strict_mode", "gtid_strict_mode is ON (MariaDB)", "gtid_strict_mode",
                        "ON", "ON", true, Status.WARN, MysqlServer::isMariadb,
                        "gtid_strict_mode is MariaDB's; MySQL's GTID checks are mysql.gtid_mode and "
                                + "mysql.enforce_gtid_consistency",
                        "Without strict mode a domain's sequence numbers may go out of order, and a reader "
                                + "resuming by GTID can skip or repeat transactions."));
    }

    Check<MysqlContext> check() {
        return Check.of(id, title, ctx -> evaluate(ctx.server()));
    }

    Outcome evaluate(MysqlServer server) {
        if (!appliesTo.test(server)) {
            return Outcome.skip(notApplicable);
        }
        var value = server.variable(variable);
        if (value.isEmpty()) {
            return Outcome.error(variable + " is not among the server's global variables", null);
        }
        String observed = normalise(value.get());
        String shownExpected = expected.isEmpty() ? "(empty)" : expected;
        if (observed.equals(expected)) {
            return Outcome.pass(variable + " = " + (observed.isEmpty() ? "(empty)" : observed)).expecting(shownExpected);
        }
        String remedy = SettingRemedy.set(server, variable, sqlValue, dynamic);
        if (variable.equals("log_bin") && server.platform().isAws()) {
            remedy = "turn on automated backups (backup retention period of at least 1 day): RDS writes "
                    + "binary logs only then";
        }
        String detail = why + (dynamic && !server.platform().isManaged()
                ? " A new value applies to sessions opened after the change; restart the CDC reader afterwards."
                : "");
        return new Outcome(whenWrong, variable + " = " + observed, shownExpected, detail, remedy);
    }

    /** log_bin and gtid_strict_mode print as 1/0 on some versions. */
    static String normalise(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "1" -> "ON";
            case "0" -> "OFF";
            default -> v;
        };
    }
}
