package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.value.HumanDuration;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Binlog retention must outlast the upgrade window, or the binlog the reader has not read yet is purged
 * while it is stopped. Where retention lives depends on version, flavour and platform:
 * MySQL 8.0+ {@code binlog_expire_logs_seconds} (and {@code binlog_expire_logs_auto_purge}, 8.0.29+),
 * MySQL 5.7 {@code expire_logs_days}, MariaDB {@code expire_logs_days} (10.6.1+ also {@code binlog_expire_logs_seconds}),
 * RDS and Aurora {@code mysql.rds_show_configuration} 'binlog retention hours' (NULL: purged as soon as possible).
 */
final class BinlogRetentionCheck {

    static final String ID = "mysql.binlog_retention";
    static final HumanDuration DEFAULT_WINDOW = HumanDuration.parse("1h");
    static final String RDS_KEY = "binlog retention hours";
    /** RDS for MySQL accepts at most seven days. */
    static final long RDS_MAX_HOURS = 168;

    /** How long binlogs are kept; empty means they are never purged by age. */
    record Retention(Optional<Duration> keptFor, String source) {
    }

    private BinlogRetentionCheck() {
    }

    static final Check<MysqlContext> CHECK = Check.of(ID, "Binlog retention covers the upgrade window",
            BinlogRetentionCheck::evaluate);

    static Outcome evaluate(MysqlContext ctx) throws SQLException {
        MysqlServer server = ctx.server();
        HumanDuration window = ctx.options().window() != null ? ctx.options().window() : DEFAULT_WINDOW;
        String windowNote = ctx.options().window() != null ? "" : " (no --window given; judged against 1h)";
        Retention retention;
        if (server.platform().isAws()) {
            Map<String, String> config = ctx.catalog().rdsConfiguration();
            String hours = config.get(RDS_KEY);
            if (hours == null || hours.isBlank() || hours.equalsIgnoreCase("NULL")) {
                return Outcome.fail("binlog retention hours = NULL", "at least " + window + windowNote,
                        "With NULL retention RDS purges binary logs as soon as it can: a stopped reader loses its "
                                + "position within minutes.", remedy(server, window));
            }
            retention = new Retention(Optional.of(Duration.ofHours(Long.parseLong(hours.trim()))),
                    "binlog retention hours = " + hours.trim());
        } else {
            retention = selfManaged(server);
        }
        String expected = "at least " + window + windowNote;
        if (retention.keptFor().isEmpty()) {
            return Outcome.pass(retention.source() + " (never purged by age)", sizeLimitNote(server)).expecting(expected);
        }
        Duration kept = retention.keptFor().get();
        String observed = retention.source() + " (" + HumanDuration.of(kept) + ")";
        if (kept.compareTo(window.duration()) >= 0) {
            return Outcome.pass(observed, sizeLimitNote(server)).expecting(expected);
        }
        return Outcome.fail(observed, expected, "Binlogs older than " + HumanDuration.of(kept)
                + " are purged; a reader stopped for the whole window would find its position gone.",
                remedy(server, window));
    }

    static Retention selfManaged(MysqlServer server) {
        if (!server.isMariadb() && server.version().atLeast(8, 0)) {
            if (server.flag("binlog_expire_logs_auto_purge").orElse(true) == Boolean.FALSE) {
                return new Retention(Optional.empty(), "binlog_expire_logs_auto_purge = OFF");
            }
            long seconds = server.variable("binlog_expire_logs_seconds").map(Long::parseLong).orElse(0L);
            if (seconds > 0) {
                return new Retention(Optional.of(Duration.ofSeconds(seconds)), "binlog_expire_logs_seconds = " + seconds);
            }
            // 8.0 only (removed in 8.4): used when binlog_expire_logs_seconds is 0
            return days(server, "binlog_expire_logs_seconds = 0");
        }
        if (server.isMariadb() && server.variable("binlog_expire_logs_seconds").isPresent()) {
            long seconds = Long.parseLong(server.variable("binlog_expire_logs_seconds").get().trim());
            if (seconds > 0) {
                return new Retention(Optional.of(Duration.ofSeconds(seconds)), "binlog_expire_logs_seconds = " + seconds);
            }
            return days(server, "binlog_expire_logs_seconds = 0");
        }
        return days(server, null);
    }

    private static Retention days(MysqlServer server, String prefix) {
        Optional<String> days = server.variable("expire_logs_days");
        String source = (prefix == null ? "" : prefix + ", ")
                + "expire_logs_days = " + days.map(d -> new BigDecimal(d.trim()).stripTrailingZeros().toPlainString()).orElse("(absent)");
        BigDecimal d = days.map(v -> new BigDecimal(v.trim())).orElse(BigDecimal.ZERO);
        if (d.signum() == 0) {
            return new Retention(Optional.empty(), source);
        }
        long seconds = d.multiply(BigDecimal.valueOf(86_400)).longValue();
        return new Retention(Optional.of(Duration.ofSeconds(seconds)), source);
    }

    /** MariaDB 11.4+ also purges by total size (max_binlog_total_size), which no age setting overrides. */
    private static String sizeLimitNote(MysqlServer server) {
        return server.variable("max_binlog_total_size").filter(v -> !v.trim().equals("0"))
                .map(v -> "max_binlog_total_size = " + v + " may purge binlogs earlier than their age says")
                .orElse(null);
    }

    /** Twice the window, and at least a day: the upgrade rarely takes exactly as long as planned. */
    static Duration recommended(HumanDuration window) {
        Duration twice = window.duration().multipliedBy(2);
        Duration day = Duration.ofDays(1);
        Duration d = twice.compareTo(day) > 0 ? twice : day;
        long hours = (d.toSeconds() + 3599) / 3600;
        return Duration.ofHours(hours);
    }

    static String remedy(MysqlServer server, HumanDuration window) {
        Duration target = recommended(window);
        long hours = target.toHours();
        if (server.platform().isAws()) {
            long h = server.platform() == Platform.RDS ? Math.min(hours, RDS_MAX_HOURS) : hours;
            return "CALL mysql.rds_set_configuration('binlog retention hours', " + h + ");";
        }
        if (!server.isMariadb() && server.version().atLeast(8, 0)) {
            return SettingRemedy.set(server, "binlog_expire_logs_seconds", Long.toString(target.toSeconds()), true);
        }
        if (server.isMariadb() && server.version().atLeast(10, 6, 1)) {
            return SettingRemedy.set(server, "binlog_expire_logs_seconds", Long.toString(target.toSeconds()), true);
        }
        long days = (hours + 23) / 24;
        return SettingRemedy.set(server, "expire_logs_days", Long.toString(days), true);
    }
}
