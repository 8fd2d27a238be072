package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.Version;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Can the reader resume from where the baseline says it was? Answered once from the baseline and the live
 * server, and read by both verify's checks and snapshot-advice's rules.
 *
 * <ul>
 *   <li>MySQL with GTIDs: resumable iff the live gtid_purged is a subset of the baseline's gtid_executed (nothing the
 *       reader still needs was purged) and the live gtid_executed still holds everything the reader has seen.</li>
 *   <li>MariaDB: per domain, the GTID state at the start of the oldest binlog must not be past the baseline's
 *       gtid_binlog_pos.</li>
 *   <li>Without GTIDs: the baseline's binlog file must still exist on the same server.</li>
 *   <li>Always: the binlog history must not have restarted since (RESET MASTER / RESET BINARY LOGS AND GTIDS reuse
 *       file names and sequence numbers): see {@link BinlogHistory}.</li>
 * </ul>
 *
 * @param historyRestart why the binlog history restarted since the baseline, or null
 */
record ResumeAssessment(boolean sameServer, String serverObserved, Boolean baselineFilePresent, List<String> liveFiles,
                        Gtid gtid, String gtidObserved, String gtidDetail, Version baselineVersion, Version liveVersion,
                        String historyRestart) {

    enum Gtid {
        /** MySQL without GTIDs at the baseline: resume depends on the binlog file. */
        NOT_TRACKED,
        /** GTIDs were on at the baseline and are off now. */
        TURNED_OFF,
        INTACT,
        /** Transactions the reader had not read were purged. */
        PURGED,
        /** The server no longer has transactions the reader has seen (RESET, restore from an older backup). */
        LOST
    }

    boolean gtidTracked() {
        return gtid == Gtid.INTACT || gtid == Gtid.PURGED || gtid == Gtid.LOST;
    }

    boolean majorVersionChange() {
        return !UpgradePath.series(baselineVersion).equals(UpgradePath.series(liveVersion));
    }

    static ResumeAssessment of(MysqlServer live, MysqlCatalog catalog, MysqlBaseline baseline) throws SQLException {
        Map<String, Long> sizes = catalog.binaryLogSizes();
        List<String> files = List.copyOf(sizes.keySet());
        String restart = BinlogHistory.restart(baseline, sizes, catalog).orElse(null);
        Boolean present = baseline.binlogFile() == null ? null : files.contains(baseline.binlogFile()) && restart == null;
        boolean same;
        String serverObserved;
        if (baseline.isMariadb() || baseline.serverUuid() == null) {
            String id = live.variable("server_id").orElse(null);
            same = Objects.equals(id, baseline.serverId());
            serverObserved = "server_id " + baseline.serverId() + " -> " + id;
        } else {
            String uuid = live.variable("server_uuid").orElse(null);
            same = Objects.equals(uuid, baseline.serverUuid());
            serverObserved = "server_uuid " + baseline.serverUuid() + " -> " + uuid;
        }
        Version baselineVersion = Version.parse(baseline.version());
        if (live.isMariadb()) {
            return mariadb(live, catalog, baseline, files, present, same, serverObserved, baselineVersion, restart);
        }
        if (!baseline.gtidMode()) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.NOT_TRACKED,
                    "gtid_mode was not ON at the baseline", null, baselineVersion, live.version(), restart);
        }
        if (!live.gtidOn()) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.TURNED_OFF,
                    "gtid_mode = " + live.variable("gtid_mode").orElse("(absent)") + " (was ON at the baseline)",
                    "The upgrade turned GTIDs off: the reader cannot resume by GTID.", baselineVersion, live.version(),
                    restart);
        }
        MysqlCatalog.MysqlGtids now = catalog.mysqlGtids();
        GtidSet executedNow = now.executed();
        GtidSet purgedNow = now.purged();
        GtidSet executedThen = GtidSet.parse(baseline.gtidExecuted());
        GtidSet missing = purgedNow.minus(executedThen);
        GtidSet lost = executedThen.minus(executedNow);
        String observed = "gtid_purged now: " + show(purgedNow) + "; baseline gtid_executed: " + show(executedThen);
        if (!missing.isEmpty()) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.PURGED, observed,
                    "Transactions the reader had not read yet were purged: " + missing, baselineVersion, live.version(),
                    restart);
        }
        if (restart != null) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.LOST, observed, restart,
                    baselineVersion, live.version(), restart);
        }
        if (!lost.isEmpty()) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.LOST, observed,
                    "The server no longer has transactions the reader has already seen (was RESET BINARY LOGS AND "
                            + "GTIDS / RESET MASTER run, or the server restored from an older backup?): " + lost,
                    baselineVersion, live.version(), restart);
        }
        return new ResumeAssessment(same, serverObserved, present, files, Gtid.INTACT, observed, null,
                baselineVersion, live.version(), restart);
    }

    private static ResumeAssessment mariadb(MysqlServer live, MysqlCatalog catalog, MysqlBaseline baseline,
                                            List<String> files, Boolean present, boolean same, String serverObserved,
                                            Version baselineVersion, String restart) throws SQLException {
        MariadbGtidPosition then = MariadbGtidPosition.parse(baseline.mariadbGtidBinlogPos());
        MariadbGtidPosition purgedUpTo = catalog.mariadbPurgedUpTo(files);
        MariadbGtidPosition now = catalog.mariadbGtids().binlogPos();
        String observed = "baseline gtid_binlog_pos: " + show(then) + "; oldest binlog starts after: "
                + show(purgedUpTo) + "; gtid_binlog_pos now: " + show(now);
        List<MariadbGtidPosition.Gap> gaps = then.gapsBefore(purgedUpTo);
        if (!gaps.isEmpty()) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.PURGED, observed,
                    "Transactions the reader had not read yet were purged: " + String.join("; ",
                            gaps.stream().map(MariadbGtidPosition.Gap::toString).toList()), baselineVersion, live.version(),
                    restart);
        }
        if (!now.isAtOrAfter(then)) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.LOST, observed,
                    "The binlog's GTID position is behind the baseline (RESET MASTER, or a restore from an older "
                            + "backup?): the reader's position does not exist here.", baselineVersion, live.version(),
                    restart);
        }
        if (restart != null) {
            return new ResumeAssessment(same, serverObserved, present, files, Gtid.LOST, observed, restart,
                    baselineVersion, live.version(), restart);
        }
        return new ResumeAssessment(same, serverObserved, present, files, Gtid.INTACT, observed, null,
                baselineVersion, live.version(), restart);
    }

    private static String show(Object gtids) {
        String s = gtids.toString();
        return s.isEmpty() ? "(empty)" : s;
    }
}
