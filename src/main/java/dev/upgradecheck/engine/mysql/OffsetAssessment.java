package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Outcome;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Can the connector resume from its own committed offset without a gap? The binlog must still hold everything
 * from the start of the offset's last transaction to the head: by GTIDs when the offset has them (nothing the
 * offset has not completed was purged, and the server still has what it completed), else by file and position
 * (the file is still there, at least as long as the position, on the same server).
 *
 * @param observed what was compared
 * @param detail   why it can or cannot resume
 * @param behind   how far the offset is behind the head
 * @param atHead   the offset covers every transaction logged so far
 */
record OffsetAssessment(Resume resume, ReaderOffset offset, String observed, String detail, String behind,
                        boolean atHead) {

    /** Said as the remedy wherever the reader cannot resume without a gap. */
    static final String SNAPSHOT = "re-snapshot the captured tables (upgrade-check snapshot-advice names them)";

    enum Resume {
        /** Everything from the offset's last transaction to the head is still in the binlog. */
        INTACT,
        /** Part of what the reader has not read yet was purged. */
        GAP,
        /** The server no longer has the offset's place (RESET MASTER, another server, a restore). */
        LOST,
        /** The offset says nothing this server can check. */
        UNKNOWN
    }

    boolean resumable() {
        return resume == Resume.INTACT;
    }

    /** As a check's outcome: PASS only when the connector can resume without a gap. */
    Outcome outcome() {
        String expected = "the binlog holds everything from the start of the connector's last transaction to the head";
        return switch (resume) {
            case INTACT -> Outcome.pass(observed, detail + (behind == null ? "" : " Behind the head by " + behind
                    + ".")).expecting(expected);
            case GAP, LOST -> Outcome.fail(observed, expected, detail, SNAPSHOT);
            case UNKNOWN -> Outcome.warn(observed, expected, detail, null);
        };
    }

    static OffsetAssessment of(ReaderOffset offset, MysqlServer live, MysqlCatalog catalog) throws SQLException {
        if (offset.inSnapshot()) {
            return new OffsetAssessment(Resume.UNKNOWN, offset, offset.toString(), "The connector committed this "
                    + "offset during its initial snapshot: it restarts the snapshot, not the binlog stream.", null,
                    false);
        }
        Map<String, Long> files = catalog.binaryLogSizes();
        Optional<MysqlCatalog.BinlogPosition> head = catalog.binlogStatus();
        String fileProblem = fileProblem(offset, files);
        String headText = head.map(MysqlCatalog.BinlogPosition::toString).orElse("(binary logging off)");
        if (offset.gtids() != null && live.gtidOn()) {
            try {
                return live.isMariadb() ? mariadb(offset, catalog, files, fileProblem)
                        : mysql(offset, catalog, fileProblem);
            } catch (IllegalArgumentException e) {
                return new OffsetAssessment(Resume.UNKNOWN, offset, offset.toString(), "The offset's gtids are not "
                        + (live.isMariadb() ? "a MariaDB GTID position" : "a MySQL GTID set") + ": " + e.getMessage(),
                        null, false);
            }
        }
        String observed = offset + "; head " + headText + "; " + describe(files);
        String sameServer = live.variable("server_id").orElse(null);
        if (offset.serverId() != null && !offset.serverId().equals(sameServer)) {
            return new OffsetAssessment(Resume.LOST, offset, observed, "The offset's events came from server_id "
                    + offset.serverId() + " but this server is server_id " + sameServer + ": without GTIDs its file "
                    + "and position mean nothing here.", null, false);
        }
        if (!offset.hasFilePosition()) {
            return new OffsetAssessment(Resume.UNKNOWN, offset, observed, "The offset has neither GTIDs this server "
                    + "uses nor a binlog file and position.", null, false);
        }
        if (fileProblem != null) {
            Resume r = files.containsKey(offset.file()) ? Resume.LOST : Resume.GAP;
            return new OffsetAssessment(r, offset, observed, fileProblem + " The connector cannot resume from "
                    + "its position.", null, false);
        }
        return new OffsetAssessment(Resume.INTACT, offset, observed, "The binlog still holds everything from the "
                + "start of the offset's last transaction (" + offset.file() + ":" + offset.position() + ") to the "
                + "head.", head.map(h -> behindByPosition(offset, h, files)).orElse(null),
                head.map(h -> h.file().equals(offset.file()) && offset.position() >= h.position()
                        && !offset.midTransaction()).orElse(false));
    }

    private static OffsetAssessment mysql(ReaderOffset offset, MysqlCatalog catalog, String fileProblem)
            throws SQLException {
        GtidSet completed = GtidSet.parse(offset.gtids());
        MysqlCatalog.MysqlGtids now = catalog.mysqlGtids();
        String observed = offset + "; gtid_purged " + show(now.purged()) + "; gtid_executed " + show(now.executed());
        GtidSet missing = now.purged().minus(completed);
        if (!missing.isEmpty()) {
            return new OffsetAssessment(Resume.GAP, offset, observed, "Transactions the connector has not completed "
                    + "were purged: " + missing + ".", null, false);
        }
        GtidSet lost = completed.minus(now.executed());
        if (!lost.isEmpty()) {
            return new OffsetAssessment(Resume.LOST, offset, observed, "The server no longer has transactions the "
                    + "connector completed (RESET BINARY LOGS AND GTIDS, a restore, another server?): " + lost + ".",
                    null, false);
        }
        GtidSet ahead = now.executed().minus(completed);
        return new OffsetAssessment(Resume.INTACT, offset, observed, "Nothing the connector has not completed was "
                + "purged; it resumes by GTID." + fileNote(fileProblem),
                ahead.isEmpty() ? "0 transactions (at the head)" : "transactions " + ahead, ahead.isEmpty());
    }

    private static OffsetAssessment mariadb(ReaderOffset offset, MysqlCatalog catalog, Map<String, Long> files,
                                            String fileProblem) throws SQLException {
        MariadbGtidPosition completed = MariadbGtidPosition.parse(offset.gtids());
        MariadbGtidPosition purgedUpTo = catalog.mariadbPurgedUpTo(List.copyOf(files.keySet()));
        MariadbGtidPosition now = catalog.mariadbGtids().binlogPos();
        String observed = offset + "; oldest binlog starts after " + show(purgedUpTo) + "; gtid_binlog_pos "
                + show(now);
        List<MariadbGtidPosition.Gap> gaps = completed.gapsBefore(purgedUpTo);
        if (!gaps.isEmpty()) {
            return new OffsetAssessment(Resume.GAP, offset, observed, "Transactions the connector has not completed "
                    + "were purged (its position is the start of its last transaction): "
                    + String.join("; ", gaps.stream().map(MariadbGtidPosition.Gap::toString).toList()) + "."
                    + fileNote(fileProblem), null, false);
        }
        if (!now.isAtOrAfter(completed)) {
            return new OffsetAssessment(Resume.LOST, offset, observed, "The binlog's GTID position is behind the "
                    + "connector's (RESET MASTER, a restore, another server?): its position does not exist here.",
                    null, false);
        }
        List<String> otherServer = new ArrayList<>();
        completed.byDomain().forEach((domain, g) -> {
            MariadbGtidPosition.Gtid head = now.byDomain().get(domain);
            if (head != null && head.server() != g.server()) {
                otherServer.add(g + " -> " + head);
            }
        });
        if (!otherServer.isEmpty()) {
            // Debezium's MariaDB connector resumes only from GTIDs that gtid_binlog_pos still names (domain and
            // server_id), although the server itself could serve them: it refuses with "no longer available"
            return new OffsetAssessment(Resume.LOST, offset, observed, "The last transaction in the connector's "
                    + "domain now comes from another server_id (" + String.join(", ", otherServer) + "): Debezium's "
                    + "MariaDB connector resumes only from a GTID that gtid_binlog_pos still names, and refuses this "
                    + "one as no longer available on the server.", null, false);
        }
        List<String> behind = new ArrayList<>();
        now.byDomain().forEach((domain, g) -> {
            long n = g.sequence() - completed.sequence(domain);
            if (n > 0) {
                behind.add("domain " + domain + ": " + n + " transaction" + (n == 1 ? "" : "s"));
            }
        });
        return new OffsetAssessment(Resume.INTACT, offset, observed, "Nothing the connector has not completed was "
                + "purged; it resumes by GTID." + fileNote(fileProblem),
                behind.isEmpty() ? "0 transactions (at the head)" : String.join(", ", behind), behind.isEmpty());
    }

    /** Why the offset's file and position are not usable here, or null when they are. */
    private static String fileProblem(ReaderOffset offset, Map<String, Long> files) {
        if (!offset.hasFilePosition()) {
            return null;
        }
        Long size = files.get(offset.file());
        if (size == null) {
            return offset.file() + " (the file holding the connector's last transaction) is no longer in SHOW "
                    + "BINARY LOGS.";
        }
        if (size < offset.position()) {
            return offset.file() + " is " + size + " bytes, shorter than the offset's position " + offset.position()
                    + ": the binary logs were reset (RESET MASTER / RESET BINARY LOGS AND GTIDS) and the name reused.";
        }
        return null;
    }

    private static String fileNote(String fileProblem) {
        return fileProblem == null ? "" : " Its file position is not usable (" + fileProblem + "); a reader "
                + "resuming by file and position would fail.";
    }

    private static String behindByPosition(ReaderOffset offset, MysqlCatalog.BinlogPosition head,
                                           Map<String, Long> files) {
        if (head.file().equals(offset.file())) {
            return (head.position() - offset.position()) + " bytes in " + head.file();
        }
        List<String> names = List.copyOf(files.keySet());
        int files0 = names.indexOf(head.file()) - names.indexOf(offset.file());
        return files0 + " binlog file" + (files0 == 1 ? "" : "s") + " (head " + head + ")";
    }

    private static String describe(Map<String, Long> files) {
        return files.isEmpty() ? "no binlog files" : "binlog files " + String.join(", ",
                files.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " bytes)").toList());
    }

    private static String show(Object gtids) {
        String s = gtids.toString();
        return s.isEmpty() ? "(empty)" : s;
    }
}
