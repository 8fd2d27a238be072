package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The CDC reader seen from the server: a binlog dump thread ({@code Binlog Dump}, or {@code Binlog Dump GTID}
 * for readers that resume by GTID). It is drained when its state says every binlog event has been sent
 * (MySQL 8.0.26+: "Source has sent all binlog to replica"; before, and MariaDB: "Master has sent all binlog to slave").
 * Other users' threads are visible only with the PROCESS privilege.
 */
final class BinlogReaderCheck {

    static final String CONNECTED_ID = "mysql.binlog_reader.connected";
    static final String DRAINED_ID = "mysql.binlog_reader.drained";

    record Reader(long id, String user, String host, String command, long seconds, String state) {
        boolean drained() {
            return state != null && state.toLowerCase(Locale.ROOT).contains("has sent all binlog");
        }

        @Override
        public String toString() {
            return user + "@" + host + " (" + command + ", state: " + (state == null ? "none" : state) + ")";
        }
    }

    private BinlogReaderCheck() {
    }

    static List<Check<MysqlContext>> checks() {
        return List.of(
                Check.of(CONNECTED_ID, "A binlog reader is connected", BinlogReaderCheck::connected),
                Check.of(DRAINED_ID, "The binlog reader has read everything (drained)", BinlogReaderCheck::drained));
    }

    static List<Reader> readers(MysqlContext ctx) throws SQLException {
        return ctx.catalog().dumpThreads().stream().map(BinlogReaderCheck::reader).toList();
    }

    private static Reader reader(Row r) {
        Long time = r.longValue("time");
        return new Reader(r.longValue("id"), r.string("user"), r.string("host"), r.string("command"),
                time == null ? 0 : time, r.string("state"));
    }

    static Outcome connected(MysqlContext ctx) throws SQLException {
        List<Reader> readers = readers(ctx);
        if (!readers.isEmpty()) {
            return Outcome.pass(describe(readers)).expecting("a Binlog Dump thread");
        }
        if (!seesAllThreads(ctx)) {
            MysqlAccount me = ctx.server().connectingAccount();
            return Outcome.error("no binlog dump thread visible, and " + me + " sees only its own threads",
                    "GRANT PROCESS ON *.* TO " + me.quoted() + ";");
        }
        return Outcome.warn("no Binlog Dump thread", "a Binlog Dump thread",
                "No CDC reader is streaming from this server. That is expected while the pipeline is paused; "
                        + "otherwise the connector is down.", null);
    }

    static Outcome drained(MysqlContext ctx) throws SQLException {
        List<Reader> readers = readers(ctx);
        if (readers.isEmpty()) {
            return Outcome.skip("no binlog reader is connected (see " + CONNECTED_ID + ")");
        }
        List<Reader> behind = readers.stream().filter(r -> !r.drained()).toList();
        if (behind.isEmpty()) {
            return Outcome.pass(describe(readers)).expecting("has sent all binlog");
        }
        return Outcome.warn(describe(behind), "has sent all binlog", "The reader is still being sent events. "
                + "Before the upgrade, stop writes and wait until it has read everything.", null);
    }

    private static boolean seesAllThreads(MysqlContext ctx) throws SQLException {
        MysqlAccount me = ctx.server().connectingAccount();
        return ctx.catalog().globalPrivileges().stream()
                .filter(p -> p.grantee().equals(me))
                .anyMatch(p -> p.privilege().equalsIgnoreCase("PROCESS") || p.privilege().equalsIgnoreCase("SUPER"));
    }

    private static String describe(List<Reader> readers) {
        return String.join("; ", readers.stream().map(Reader::toString).toList());
    }
}
