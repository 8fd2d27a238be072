package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CDC reader seen from the server: a binlog dump thread ({@code Binlog Dump}, or {@code Binlog Dump GTID}
 * for readers that resume by GTID). The server has sent it everything when its state says so (MySQL 8.0.26+:
 * "Source has sent all binlog to replica"; before, and MariaDB: "Master has sent all binlog to slave").
 * What the server cannot tell: whether such an idle thread's reader is still there (MariaDB keeps the thread after
 * its reader exits, until sending the next event fails) and whether the reader committed what it was sent. So an
 * idle thread is never a PASS; the connector's own offset (--connect-url, drain) is the evidence.
 * Other users' threads are visible only with the PROCESS privilege.
 */
final class BinlogReaderCheck {

    static final String CONNECTED_ID = "mysql.binlog_reader.connected";
    static final String DRAINED_ID = "mysql.binlog_reader.drained";

    /** Said wherever the server alone judges the reader. */
    static final String SERVER_CANNOT_TELL = "The server cannot tell whether the reader of an idle dump thread is "
            + "still there (MariaDB keeps the thread after its reader exits, until sending the next event fails) or "
            + "whether it committed what it was sent: only the connector's committed offset shows that (give "
            + "--connect-url, or prove the drain with upgrade-check drain).";

    /** @param seconds how long the thread has been in its state: for an idle thread, since it last sent an event */
    record Reader(long id, String user, String host, String command, long seconds, String state) {
        /** The server has sent this thread every event and waits for more. */
        boolean sentAll() {
            return state != null && state.toLowerCase(Locale.ROOT).contains("has sent all binlog");
        }

        @Override
        public String toString() {
            return user + "@" + host + " (" + command + ", " + seconds + "s in state: "
                    + (state == null ? "none" : state) + ")";
        }
    }

    private BinlogReaderCheck() {
    }

    static final List<Check<MysqlContext>> CHECKS = List.of(
            Check.of(CONNECTED_ID, "A binlog reader is connected", BinlogReaderCheck::connected),
            Check.of(DRAINED_ID, "The binlog reader has read everything (drained)", BinlogReaderCheck::drained));

    static List<Reader> readers(MysqlCatalog catalog) throws SQLException {
        return catalog.dumpThreads().stream().map(BinlogReaderCheck::reader).toList();
    }

    /** The dump threads, or empty when this account sees only its own threads (it needs PROCESS). */
    static Optional<List<Reader>> visibleReaders(MysqlCatalog catalog) throws SQLException {
        List<Reader> readers = readers(catalog);
        return readers.isEmpty() && !seesAllThreads(catalog) ? Optional.empty() : Optional.of(readers);
    }

    private static Reader reader(Row r) {
        Long time = r.longValue("time");
        return new Reader(r.longValue("id"), r.string("user"), r.string("host"), r.string("command"),
                time == null ? 0 : time, r.string("state"));
    }

    static Outcome connected(MysqlContext ctx) throws SQLException {
        List<Reader> readers = readers(ctx.catalog());
        if (readers.stream().anyMatch(r -> !r.sentAll())) {
            return Outcome.pass(describe(readers)).expecting("a Binlog Dump thread being sent events");
        }
        if (!readers.isEmpty()) {
            return Outcome.warn(describe(readers), "a Binlog Dump thread whose reader is known to be there",
                    "Every dump thread is idle. " + SERVER_CANNOT_TELL, null);
        }
        if (!seesAllThreads(ctx.catalog())) {
            MysqlAccount me = ctx.server().connectingAccount();
            return Outcome.error("no binlog dump thread visible, and " + me + " sees only its own threads",
                    "GRANT PROCESS ON *.* TO " + me.quoted() + ";");
        }
        return Outcome.warn("no Binlog Dump thread", "a Binlog Dump thread",
                "No CDC reader is streaming from this server. That is expected while the pipeline is paused; "
                        + "otherwise the connector is down.", null);
    }

    static Outcome drained(MysqlContext ctx) throws SQLException {
        List<Reader> readers = readers(ctx.catalog());
        if (readers.isEmpty()) {
            return Outcome.skip("no binlog reader is connected (see " + CONNECTED_ID + ")");
        }
        List<Reader> behind = readers.stream().filter(r -> !r.sentAll()).toList();
        if (behind.isEmpty()) {
            return Outcome.warn(describe(readers), "the reader's committed position at the head",
                    "The server has sent everything to these threads. " + SERVER_CANNOT_TELL, null);
        }
        return Outcome.warn(describe(behind), "has sent all binlog", "The reader is still being sent events. "
                + "Before the upgrade, stop writes and wait until it has read everything.", null);
    }

    private static boolean seesAllThreads(MysqlCatalog catalog) throws SQLException {
        MysqlAccount me = catalog.server().connectingAccount();
        return catalog.globalPrivileges().stream()
                .filter(p -> p.grantee().equals(me))
                .anyMatch(p -> p.privilege().equalsIgnoreCase("PROCESS") || p.privilege().equalsIgnoreCase("SUPER"));
    }

    static String describe(List<Reader> readers) {
        return String.join("; ", readers.stream().map(Reader::toString).toList());
    }
}
