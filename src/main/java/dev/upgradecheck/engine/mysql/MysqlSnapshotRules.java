package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When the captured tables must be snapshotted again (docs/engines/mysql.md, snapshot-advice):
 * the binlog does not hold full row events (log_bin, binlog_format, binlog_row_image wrong now or since the
 * baseline) and something was written -> REQUIRED; GTIDs the reader needs purged or forgotten, the binlog history
 * restarted, or, without GTIDs, a different server, a purged baseline file or a major upgrade -> REQUIRED; the
 * connector's own offset can no longer be resumed -> REQUIRED. NOT_NEEDED only with evidence of continuity: the
 * connector's committed offset (live, or saved in the baseline) whose binlog still runs from the start of its
 * last transaction to the head, with a baseline that shows the binlog's history did not restart since. The
 * baseline's position is the server's, not the reader's, and is no such evidence.
 */
final class MysqlSnapshotRules {

    /** One rule that fired; {@code proof} marks evidence of continuity. */
    record Finding(Verdict verdict, String reason, boolean proof) {
        Finding(Verdict verdict, String reason) {
            this(verdict, reason, false);
        }
    }

    /** Said when neither the live connector nor the baseline gave the reader's own offset. */
    static final String READER_UNKNOWN = "the reader's own position is unknown: the server's binlog position is not "
            + "the position the connector resumes from (Debezium resumes from the start of its last transaction, "
            + "and a paused reader may be far behind). Evidence that would prove continuity: the connector's "
            + "committed offset, compared with the binlog (give --connect-url and --connector (or --debezium-config); or prove the drain "
            + "with upgrade-check drain and save the baseline with --connect-url before the upgrade)";

    private MysqlSnapshotRules() {
    }

    /** From a baseline and the live server. NOT_NEEDED findings here are reasons, never proof. */
    static List<Finding> fromBaseline(ResumeAssessment a, boolean mariadb) {
        List<Finding> f = new ArrayList<>();
        if (a.historyRestart() != null) {
            f.add(new Finding(Verdict.REQUIRED, a.historyRestart()));
        }
        switch (a.gtid()) {
            case PURGED -> f.add(new Finding(Verdict.REQUIRED, a.gtidDetail()));
            case LOST -> {
                if (!Objects.equals(a.gtidDetail(), a.historyRestart())) {
                    f.add(new Finding(Verdict.REQUIRED, a.gtidDetail()));
                }
            }
            case INTACT -> {
                if (mariadb && !Boolean.TRUE.equals(a.baselineFilePresent())) {
                    f.add(new Finding(Verdict.RECOMMENDED, "the baseline binlog file is gone but no GTID up to the "
                            + "baseline's position was purged: a reader resuming by MariaDB GTID continues; one "
                            + "resuming by file and position needs a snapshot"));
                } else {
                    f.add(new Finding(Verdict.NOT_NEEDED, "GTIDs on and nothing purged past the baseline's position"));
                }
            }
            case NOT_TRACKED, TURNED_OFF -> {
                f.addAll(positionNotPortable(a));
                if (Boolean.FALSE.equals(a.baselineFilePresent()) && a.historyRestart() == null) {
                    f.add(new Finding(Verdict.REQUIRED, "the baseline binlog file is no longer in SHOW BINARY LOGS: "
                            + "the reader's position was purged"));
                }
                if (f.isEmpty()) {
                    f.add(new Finding(Verdict.NOT_NEEDED, "same server, same release series, and the baseline binlog "
                            + "file is still there"));
                }
            }
        }
        return f;
    }

    /**
     * Without GTIDs a binlog file and position mean something only on the same server and release series: a
     * different server (server_uuid, which a file/position offset does not carry) or a major upgrade -> REQUIRED.
     */
    static List<Finding> positionNotPortable(ResumeAssessment a) {
        List<Finding> f = new ArrayList<>();
        if (!a.sameServer()) {
            f.add(new Finding(Verdict.REQUIRED, "without GTIDs, a different server (" + a.serverObserved()
                    + ") means the recorded binlog position is meaningless"));
        }
        if (a.majorVersionChange()) {
            f.add(new Finding(Verdict.REQUIRED, "major upgrade " + UpgradePath.series(a.baselineVersion())
                    + " -> " + UpgradePath.series(a.liveVersion()) + " without GTIDs: the binlog position is "
                    + "not trustworthy"));
        }
        return f;
    }

    /**
     * The binlog must hold full row images of every change: log_bin ON, binlog_format ROW, binlog_row_image FULL,
     * now and at the baseline. Which tables a badly logged transaction touched is not known here, so all of them.
     *
     * @param baseline     null without a baseline
     * @param writtenSince whether transactions were logged since the baseline; null when unknown
     */
    static List<Finding> rowEvents(MysqlServer live, MysqlBaseline baseline, Boolean writtenSince) {
        List<String> wrong = new ArrayList<>();
        for (RequiredSetting s : RequiredSetting.all()) {
            if (!RequiredSetting.ROW_EVENTS.contains(s.variable())) {
                continue;
            }
            String now = live.variable(s.variable()).map(RequiredSetting::normalise).orElse(null);
            String then = baseline == null ? null : baseline.settings().get(s.variable());
            String before = then == null ? null : RequiredSetting.normalise(then);
            if (s.evaluate(live).status() == Status.FAIL) {
                wrong.add(s.variable() + " = " + now + " (needs " + s.expected() + ")");
            } else if (before != null && !before.equals(now)) {
                wrong.add(s.variable() + " was " + before + " at the baseline (needs " + s.expected() + ")");
            }
        }
        if (wrong.isEmpty()) {
            return List.of();
        }
        String what = String.join(", ", wrong);
        if (live.flag("log_bin").orElse(false) && Boolean.FALSE.equals(writtenSince)) {
            return List.of(new Finding(Verdict.RECOMMENDED, what + ": nothing was logged since the baseline yet, but "
                    + "every change from now on reaches the reader incomplete or not at all; fix it before writes "
                    + "resume"));
        }
        return List.of(new Finding(Verdict.REQUIRED, what + ": changes " + (baseline == null ? "" : "since the "
                + "baseline ") + "were logged without the full row images a CDC reader decodes (or not logged at "
                + "all), so the reader has them incomplete or not at all"));
    }

    /** Said without a baseline, where an offset the binlog still serves is no proof of the past. */
    static final String NO_HISTORY = "without a baseline nothing shows the binary log's history went on unbroken: "
            + "after RESET MASTER (RESET BINARY LOGS AND GTIDS) new transactions reuse the same GTIDs and file names, "
            + "so a connector that resumed then skipped them and now sits at a position the binlog serves. Give "
            + "--baseline (precheck --save-baseline --connect-url before the upgrade)";

    /**
     * Captured databases the binlog leaves out: whatever was written there never reached the reader. With the captured
     * tables unknown (no connector, no --tables) a filter rules out the proof.
     */
    static List<Finding> binlogFilter(BinlogFilter filter, Set<String> leftOut, boolean capturedKnown) {
        if (!leftOut.isEmpty()) {
            return List.of(new Finding(Verdict.REQUIRED, filter + " leaves " + String.join(", ", leftOut) + " out of "
                    + "the binlog: changes there never reached the reader"));
        }
        if (filter.any() && !capturedKnown) {
            return List.of(new Finding(Verdict.RECOMMENDED, filter + ": which tables the reader captures is not known "
                    + "(give --connect-url or --tables), and changes to a database the binlog leaves out never reach "
                    + "it"));
        }
        return List.of();
    }

    /** Row changes the binlog holds as statements since the reader's place: the reader has none of them. */
    static List<Finding> statementLogged(StatementLoggedChanges c) {
        if (c.changes() > 0) {
            return List.of(new Finding(Verdict.REQUIRED, c.problem()));
        }
        if (!c.complete()) {
            return List.of(new Finding(Verdict.RECOMMENDED, c.observed() + ": changes logged as statements after "
                    + "that are not ruled out"));
        }
        return List.of();
    }

    /**
     * The connector's committed offset judged against the live binlog: the one source of positive evidence, with
     * a baseline to show the binlog's history did not restart ({@code baselined}); without one, only a reason.
     */
    static List<Finding> fromOffset(OffsetAssessment o, boolean baselined) {
        String behind = o.behind() == null ? "" : " (behind the head by " + o.behind() + ")";
        return switch (o.resume()) {
            case INTACT -> List.of(new Finding(Verdict.NOT_NEEDED, o.offset() + ": " + o.detail() + behind,
                    baselined));
            case GAP, LOST -> List.of(new Finding(Verdict.REQUIRED, o.offset() + ": " + o.detail()));
            case UNKNOWN -> List.of(new Finding(Verdict.RECOMMENDED, o.offset() + ": " + o.detail()));
        };
    }

    /** From versions and the GTID setting alone (no baseline): offline, or live with --target-version. */
    static List<Finding> fromPlan(Flavour flavour, Version from, Version to, Boolean gtid) {
        if (from == null || to == null) {
            return List.of(new Finding(Verdict.RECOMMENDED, "no baseline and no --from/--to (or --target-version): "
                    + "nothing shows where the reader is; save a baseline with precheck --save-baseline (with "
                    + "--connect-url, so that it holds the connector's offset) and ask again after the upgrade"));
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

    /** Offline: a forecast from the upgrade path, which is all the evidence there can be before the upgrade. */
    static SnapshotAdvice forecast(List<Finding> findings, List<String> tables) {
        return advice(findings.stream().map(f -> new Finding(f.verdict(), f.reason(),
                f.verdict() == Verdict.NOT_NEEDED)).toList(), tables, null);
    }

    /**
     * The findings as advice: overall reasons, and per table when --tables named them.
     *
     * @param missing what would prove continuity when no finding does (null: the generic text)
     */
    static SnapshotAdvice advice(List<Finding> findings, List<String> tables, String missing) {
        SnapshotAdvice.Builder b = SnapshotAdvice.builder();
        if (missing != null) {
            b.missingEvidence(missing);
        }
        for (Finding f : findings) {
            b.overall(f.verdict(), f.reason());
            if (f.proof()) {
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
