package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * When the captured tables must be snapshotted again (checks.md, MySQL):
 * GTIDs the reader needs were purged -> REQUIRED; without GTIDs, a major upgrade, a different server or a purged
 * baseline binlog file -> REQUIRED; GTIDs on and nothing purged past the baseline -> NOT_NEEDED.
 */
final class MysqlSnapshotRules {

    /** One rule that fired. */
    record Finding(Verdict verdict, String reason) {
    }

    private MysqlSnapshotRules() {
    }

    /** From a baseline and the live server. */
    static List<Finding> fromBaseline(ResumeAssessment a, boolean mariadb) {
        List<Finding> f = new ArrayList<>();
        switch (a.gtid()) {
            case PURGED, LOST -> f.add(new Finding(Verdict.REQUIRED, a.gtidDetail()));
            case INTACT -> {
                if (mariadb && !Boolean.TRUE.equals(a.baselineFilePresent())) {
                    f.add(new Finding(Verdict.RECOMMENDED, "the baseline binlog file is gone but no GTID the reader "
                            + "needs was purged: a reader resuming by MariaDB GTID continues; one resuming by file and "
                            + "position needs a snapshot"));
                } else {
                    f.add(new Finding(Verdict.NOT_NEEDED, "GTIDs on and nothing purged past the baseline: the reader "
                            + "resumes from its GTID position"));
                }
            }
            case NOT_TRACKED, TURNED_OFF -> {
                if (!a.sameServer()) {
                    f.add(new Finding(Verdict.REQUIRED, "without GTIDs, a different server (" + a.serverObserved()
                            + ") means the recorded binlog position is meaningless"));
                }
                if (Boolean.FALSE.equals(a.baselineFilePresent())) {
                    f.add(new Finding(Verdict.REQUIRED, "the baseline binlog file is no longer in SHOW BINARY LOGS: "
                            + "the reader's position was purged"));
                }
                if (a.majorVersionChange()) {
                    f.add(new Finding(Verdict.REQUIRED, "major upgrade " + UpgradePath.series(a.baselineVersion())
                            + " -> " + UpgradePath.series(a.liveVersion()) + " without GTIDs: the binlog position is "
                            + "not trustworthy"));
                }
                if (f.isEmpty()) {
                    f.add(new Finding(Verdict.NOT_NEEDED, "same server, same release series, and the baseline binlog "
                            + "file is still there: the reader resumes from its file and position"));
                }
            }
        }
        return f;
    }

    /** From versions and the GTID setting alone (no baseline): offline, or live with --target-version. */
    static List<Finding> fromPlan(Flavour flavour, Version from, Version to, Boolean gtid) {
        if (from == null || to == null) {
            return List.of(new Finding(Verdict.NOT_NEEDED, "no baseline and no --from/--to (or --target-version): "
                    + "nothing says the position will be lost; save a baseline with precheck --save-baseline and ask "
                    + "again after the upgrade"));
        }
        UpgradePath path = UpgradePath.of(flavour, from, to);
        if (!path.isMajor()) {
            return List.of(new Finding(Verdict.NOT_NEEDED, path.note() + ": binlog files, positions and GTIDs "
                    + "carry over"));
        }
        boolean gtidOn = flavour == Flavour.MARIADB || Boolean.TRUE.equals(gtid);
        if (gtidOn) {
            return List.of(new Finding(Verdict.NOT_NEEDED, path.note() + " with GTIDs on: the reader resumes from "
                    + "its GTID position, provided binlog retention covers the window (check with verify --baseline)"));
        }
        if (gtid == null) {
            return List.of(new Finding(Verdict.RECOMMENDED, path.note() + ": REQUIRED unless GTIDs are on "
                    + "(say --gtid on|off)"));
        }
        return List.of(new Finding(Verdict.REQUIRED, path.note() + " without GTIDs: the binlog position is not "
                + "trustworthy afterwards"));
    }

    /** The findings as advice: overall reasons, and per table when --tables named them. */
    static SnapshotAdvice advice(List<Finding> findings, List<String> tables) {
        SnapshotAdvice.Builder b = SnapshotAdvice.builder();
        for (Finding f : findings) {
            b.overall(f.verdict(), f.reason());
            if (f.verdict() == Verdict.NOT_NEEDED) {
                b.continuity(f.reason());
            }
            for (String t : tables) {
                if (f.verdict() == Verdict.NOT_NEEDED) {
                    b.tableUnaffected(t, f.reason());
                } else {
                    b.table(t, f.verdict(), f.reason());
                }
            }
        }
        return b.build();
    }
}
