package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.mysql.MysqlCatalog.BinlogEvent;
import dev.upgradecheck.engine.mysql.MysqlCatalog.BinlogPosition;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Row changes the binlog holds as SQL statements instead of row events since the reader's place: a CDC reader
 * decodes row events only, so it has none of them. binlog_format can be STATEMENT or MIXED for a while and be set
 * back (a restart with an upgraded package's defaults, SET GLOBAL), which the settings now and at the baseline do not
 * show; only the binlog does. Reads at most {@link #LIMIT} events.
 *
 * @param first    where the first such change is, and its statement's verb (no values: they are row data)
 * @param complete whether every event up to the head was read
 */
record StatementLoggedChanges(BinlogPosition from, int changes, String first, int eventsRead, boolean complete) {

    static final int LIMIT = 200_000;

    /** A Query event's text: optional {@code use `db`; } prefixes, then the statement. */
    private static final Pattern USE_PREFIX = Pattern.compile("^(\\s*use\\s+`(?:[^`]|``)*`\\s*;\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> DML = List.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD");

    /** The binlog from {@code from} to the head; empty when {@code from}'s file is no longer there. */
    static Optional<StatementLoggedChanges> since(BinlogPosition from, MysqlCatalog catalog) throws SQLException {
        List<String> files = List.copyOf(catalog.binaryLogSizes().keySet());
        int start = files.indexOf(from.file());
        if (start < 0) {
            return Optional.empty();
        }
        int changes = 0;
        String first = null;
        int read = 0;
        for (String file : files.subList(start, files.size())) {
            long position = file.equals(from.file()) ? from.position() : MysqlCatalog.FIRST_EVENT;
            List<BinlogEvent> events = catalog.binlogEvents(file, position, LIMIT - read);
            read += events.size();
            for (BinlogEvent e : events) {
                Optional<String> verb = dmlVerb(e);
                if (verb.isPresent()) {
                    changes++;
                    first = first == null ? verb.get() + " at " + e.file() + ":" + e.position() : first;
                }
            }
            if (read >= LIMIT) {
                return Optional.of(new StatementLoggedChanges(from, changes, first, read, false));
            }
        }
        return Optional.of(new StatementLoggedChanges(from, changes, first, read, true));
    }

    /** The verb of a data change logged as a statement; DDL, BEGIN and COMMIT are Query events too. */
    static Optional<String> dmlVerb(BinlogEvent e) {
        if (!"Query".equalsIgnoreCase(e.type()) || e.info() == null) {
            return Optional.empty();
        }
        String statement = USE_PREFIX.matcher(e.info()).replaceFirst("").stripLeading();
        String verb = statement.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        return DML.contains(verb) ? Optional.of(verb) : Optional.empty();
    }

    /** Where the reader resumes from: its offset's file and position, else the baseline's. */
    static Optional<BinlogPosition> readerPlace(Optional<ReaderOffset> offset, MysqlBaseline baseline) {
        if (offset.isPresent() && offset.get().hasFilePosition()) {
            return Optional.of(new BinlogPosition(offset.get().file(), offset.get().position()));
        }
        if (baseline != null && baseline.binlogFile() != null && baseline.binlogPosition() != null) {
            return Optional.of(new BinlogPosition(baseline.binlogFile(), baseline.binlogPosition()));
        }
        return Optional.empty();
    }

    String observed() {
        return changes + " change(s) logged as statements in " + eventsRead + " binlog events since " + from
                + (complete ? "" : " (stopped after " + LIMIT + " events, before the head)")
                + (first == null ? "" : "; the first: " + first);
    }

    String problem() {
        return observed() + ": binlog_format was STATEMENT or MIXED for a while, and a CDC reader decodes row events "
                + "only, so it has none of them";
    }

    @Override
    public String toString() {
        return observed();
    }
}
