package dev.upgradecheck.engine.mysql;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Did the binlog history restart since the baseline? RESET MASTER (MySQL 8.4: RESET BINARY LOGS AND GTIDS) starts
 * again at file .000001 and, on MariaDB, at sequence 1, so a file name and a GTID can both look as recorded while
 * the events behind them are new. Evidence: the oldest file's number went backwards, the baseline's file is
 * shorter than the recorded position, or (MariaDB) {@code BINLOG_GTID_POS} at the recorded position no longer
 * gives the recorded GTID state.
 */
final class BinlogHistory {

    private static final Pattern NUMBER = Pattern.compile("\\.(\\d+)$");

    private BinlogHistory() {
    }

    /** Why the history restarted, or empty when nothing says it did. */
    static Optional<String> restart(MysqlBaseline baseline, Map<String, Long> liveFiles, MysqlCatalog catalog)
            throws SQLException {
        List<String> then = baseline.binlogFiles();
        if (!then.isEmpty() && !liveFiles.isEmpty()) {
            String oldestNow = liveFiles.keySet().iterator().next();
            Optional<Long> a = number(then.get(0));
            Optional<Long> b = number(oldestNow);
            if (a.isPresent() && b.isPresent() && b.get() < a.get()) {
                return Optional.of("The oldest binlog file is now " + oldestNow + ", before the baseline's oldest "
                        + then.get(0) + ": the binary logs were reset (RESET MASTER / RESET BINARY LOGS AND GTIDS) or "
                        + "the server was restored; the recorded position does not exist here.");
            }
        }
        String file = baseline.binlogFile();
        Long position = baseline.binlogPosition();
        if (file == null || position == null || !liveFiles.containsKey(file)) {
            return Optional.empty();
        }
        long size = liveFiles.get(file);
        if (size < position) {
            return Optional.of(file + " is " + size + " bytes, shorter than the baseline's position " + position
                    + ": the binary logs were reset and the name reused.");
        }
        if (catalog.server().isMariadb() && baseline.mariadbGtidAtPosition() != null) {
            MariadbGtidPosition recorded = MariadbGtidPosition.parse(baseline.mariadbGtidAtPosition());
            Optional<MariadbGtidPosition> now = catalog.mariadbGtidAt(file, position);
            if (!Objects.equals(now.orElse(null), recorded)) {
                return Optional.of("BINLOG_GTID_POS('" + file + "', " + position + ") is now "
                        + now.map(p -> p.isEmpty() ? "(empty)" : p.toString()).orElse("NULL") + ", at the baseline "
                        + (recorded.isEmpty() ? "(empty)" : recorded) + ": the file of that name holds other "
                        + "transactions (RESET MASTER reuses names and sequence numbers).");
            }
        }
        return Optional.empty();
    }

    /** The sequence number of a binlog file name such as binlog.000042. */
    static Optional<Long> number(String file) {
        Matcher m = NUMBER.matcher(file);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
