package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** verify --baseline: what the upgrade changed, and whether the reader can resume from its recorded position. */
final class BaselineChecks {

    static final String SERVER_ID = "mysql.verify.server";
    static final String FILE_ID = "mysql.verify.binlog_file";
    static final String GTID_ID = "mysql.verify.gtid";
    static final String SETTINGS_ID = "mysql.verify.settings";
    static final String READER_ID = "mysql.verify.reader";
    static final String ROW_EVENTS_ID = "mysql.verify.row_events";

    private static final String SNAPSHOT = OffsetAssessment.SNAPSHOT;

    private BaselineChecks() {
    }

    static final List<Check<BaselineComparison>> ALL = List.of(
            Check.of(SERVER_ID, "Same server as at the baseline", BaselineChecks::server)
                    .formerly("mysql.baseline.server"),
            Check.of(FILE_ID, "The baseline's binlog file still exists", BaselineChecks::binlogFile)
                    .formerly("mysql.baseline.binlog_file"),
            Check.of(GTID_ID, "No GTID the reader needs was purged", BaselineChecks::gtid)
                    .formerly("mysql.baseline.gtid"),
            Check.of(SETTINGS_ID, "CDC settings unchanged since the baseline", BaselineChecks::settings)
                    .formerly("mysql.baseline.settings"),
            Check.of(READER_ID, "The reader can resume from its own position without a gap",
                    BaselineChecks::reader).formerly("mysql.baseline.reader"),
            Check.of(ROW_EVENTS_ID, "Every change since the reader's place is a row event", BaselineChecks::rowEvents));

    /**
     * Row events wrong at the baseline with transactions logged since (the same rule snapshot-advice applies), or
     * binlog_format STATEMENT or MIXED for a while and set back, which shows only in the binlog itself.
     */
    static Outcome rowEvents(BaselineComparison c) throws Exception {
        Optional<MysqlSnapshotRules.Finding> logged = MysqlSnapshotRules.rowEvents(c.live(), c.baseline(),
                BaselineComparison.writtenSince(c.live(), c.catalog(), c.baseline())).stream()
                .filter(f -> f.verdict() == Verdict.REQUIRED).findFirst();
        if (logged.isPresent()) {
            return Outcome.fail("row events incomplete since the baseline", "binlog_format ROW and binlog_row_image "
                    + "FULL since the baseline", logged.get().reason(), SNAPSHOT);
        }
        Optional<MysqlCatalog.BinlogPosition> place = StatementLoggedChanges.readerPlace(c.offset(), c.baseline());
        if (place.isEmpty()) {
            return Outcome.skip("neither the connector's offset nor the baseline has a binlog file and position");
        }
        Optional<StatementLoggedChanges> found = StatementLoggedChanges.since(place.get(), c.catalog());
        if (found.isEmpty()) {
            return Outcome.skip(place.get().file() + " is no longer in SHOW BINARY LOGS (see " + FILE_ID + " and "
                    + READER_ID + ")");
        }
        StatementLoggedChanges s = found.get();
        String expected = "every change since " + place.get() + " logged as row events";
        if (s.changes() > 0) {
            return Outcome.fail(s.observed(), expected, s.problem(), SNAPSHOT);
        }
        if (!s.complete()) {
            return Outcome.warn(s.observed(), expected, "Changes logged as statements after the events read are not "
                    + "ruled out.", null);
        }
        return Outcome.pass(s.observed()).expecting(expected);
    }

    static Outcome server(BaselineComparison c) throws Exception {
        ResumeAssessment a = c.assessment();
        if (a.sameServer()) {
            return Outcome.pass(a.serverObserved()).expecting("unchanged");
        }
        String detail = "The upgrade produced a different server (a logical dump and reload, a new instance, a "
                + "blue/green switch-over): binlog files and positions from the baseline mean nothing here.";
        if (a.gtidTracked()) {
            return Outcome.warn(a.serverObserved(), "unchanged", detail + " GTIDs still identify transactions; see "
                    + GTID_ID + ".", null);
        }
        return Outcome.fail(a.serverObserved(), "unchanged", detail, SNAPSHOT);
    }

    static Outcome binlogFile(BaselineComparison c) throws Exception {
        String file = c.baseline().binlogFile();
        if (file == null) {
            return Outcome.skip("the baseline recorded no binlog position");
        }
        ResumeAssessment a = c.assessment();
        String expected = file + " in SHOW BINARY LOGS";
        String observed = a.liveFiles().isEmpty() ? "no binlog files"
                : "binlog files " + a.liveFiles().get(0) + " .. " + a.liveFiles().get(a.liveFiles().size() - 1);
        if (Boolean.TRUE.equals(a.baselineFilePresent()) && a.sameServer()) {
            return Outcome.pass(observed + " (includes " + file + ")").expecting(expected);
        }
        String why = Boolean.TRUE.equals(a.baselineFilePresent())
                ? "A file of that name exists, but on a different server: the position in it is not the reader's."
                : file + " was purged (or the binary logs were reset): a reader resuming by file and position "
                + "cannot continue.";
        if (!c.live().isMariadb() && a.gtidTracked()) {
            return Outcome.warn(observed, expected, why + " With GTIDs on, the reader resumes by GTID instead; see "
                    + GTID_ID + ".", null);
        }
        String gtidNote = c.live().isMariadb() ? " A reader that resumes by MariaDB GTID can continue if " + GTID_ID
                + " passes." : "";
        return passedByOffset(c, Outcome.fail(observed, expected, why + gtidNote, SNAPSHOT));
    }

    static Outcome gtid(BaselineComparison c) throws Exception {
        ResumeAssessment a = c.assessment();
        String expected = c.live().isMariadb()
                ? "the oldest binlog starts at or before the baseline's gtid_binlog_pos in every domain"
                : "gtid_purged now is a subset of the baseline's gtid_executed";
        return switch (a.gtid()) {
            case NOT_TRACKED -> Outcome.skip(a.gtidObserved() + "; the reader resumes by file and position (see "
                    + FILE_ID + ")");
            case TURNED_OFF -> Outcome.fail(a.gtidObserved(), "gtid_mode = ON", a.gtidDetail(),
                    GtidModeCheck.enableSteps(c.live()));
            case INTACT -> Outcome.pass(a.gtidObserved()).expecting(expected);
            case PURGED -> passedByOffset(c, Outcome.fail(a.gtidObserved(), expected, a.gtidDetail(), SNAPSHOT));
            case LOST -> Outcome.fail(a.gtidObserved(), expected, a.gtidDetail(), SNAPSHOT);
        };
    }

    static Outcome settings(BaselineComparison c) {
        List<String> changes = new ArrayList<>();
        c.baseline().settings().forEach((name, before) -> {
            String now = c.live().variable(name).orElse(null);
            if (!Objects.equals(norm(before), norm(now))) {
                changes.add(name + ": " + before + " -> " + (now == null ? "(absent)" : now));
            }
        });
        if (changes.isEmpty()) {
            return Outcome.pass(c.baseline().settings().size() + " settings as recorded").expecting("unchanged");
        }
        return Outcome.warn(String.join("; ", changes), "unchanged", "The upgrade changed CDC settings (new defaults, "
                + "renamed or removed variables); the configuration checks above say whether the new values work.",
                null);
    }

    /**
     * The baseline's position is the server's: what was purged past it is lost only for a reader that had not read
     * it. When the connector's own offset is past the purge and can resume, the loss is not the reader's: a WARN
     * pointing at the reader check. A restarted history stays a FAIL whatever the offset says.
     */
    private static Outcome passedByOffset(BaselineComparison c, Outcome fail) throws Exception {
        if (c.offset().isEmpty() || c.assessment().historyRestart() != null
                || !c.offsetAssessment(c.offset().get()).resumable()) {
            return fail;
        }
        return Outcome.warn(fail.observed(), fail.expected(), fail.detail() + " The connector's own offset ("
                + c.offset().get() + ") is past that and can resume: see " + READER_ID + ".", null);
    }

    /**
     * The connector's committed offset decides. Without it the reader's position is unknown (the baseline's is the
     * server's): a FAIL once binlog files that existed at the baseline were purged, since a reader that was behind
     * then has lost changes; a WARN otherwise.
     */
    static Outcome reader(BaselineComparison c) throws Exception {
        if (c.offset().isPresent()) {
            return c.offsetAssessment(c.offset().get()).outcome();
        }
        String expected = "the binlog holds everything from the start of the reader's last transaction to the head";
        List<String> live = c.assessment().liveFiles();
        List<String> purged = c.baseline().binlogFiles().stream().filter(f -> !live.contains(f)).toList();
        String observed = "no connector offset (give --connect-url or --debezium-config, or save the baseline with it)";
        if (purged.isEmpty()) {
            return Outcome.warn(observed, expected, "The reader's own position is unknown, but no binlog file that "
                    + "existed at the baseline was purged since. " + BinlogReaderCheck.SERVER_CANNOT_TELL, null);
        }
        return Outcome.fail(observed + "; purged since the baseline: " + String.join(", ", purged), expected,
                "The reader's own position is unknown and binlog files that existed at the baseline are gone: a "
                        + "reader that was behind the baseline's position has lost changes. The connector's committed "
                        + "offset would show whether it was (give --connect-url or --debezium-config).", SNAPSHOT);
    }

    private static String norm(String v) {
        return v == null ? null : v.trim().toUpperCase(Locale.ROOT);
    }
}
