package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;

import java.time.Duration;

/**
 * Archived redo on disk (V$ARCHIVED_LOG, DELETED = 'NO'). Before the upgrade: is there any, and does it reach
 * back at least the upgrade window. After it, with a baseline: is every log from the baseline SCN on still there,
 * so the reader can resume where it stopped.
 */
final class ArchivedLogCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.archive_logs",
            "Archived logs cover the reader's position", ArchivedLogCheck::evaluate);

    private ArchivedLogCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        DatabaseState db = DatabaseState.read(context.catalog());
        if (!db.archiveLog()) {
            return Outcome.skip("the database is in " + db.logMode() + " mode (see oracle.archivelog)");
        }
        ArchivedLogs.OnDisk disk = ArchivedLogs.onDisk(context.catalog(), db.resetlogsScn());
        if (context.baseline().isPresent()) {
            return againstBaseline(context, context.baseline().get(), db, disk);
        }
        if (disk.files() == 0) {
            return Outcome.warn("no archived log on disk", "archived logs reaching back over the upgrade window",
                    "only the online logs can be mined: a reader stopped for longer than one log cycle cannot resume",
                    retention(context));
        }
        String observed = disk.files() + " archived log(s) on disk from SCN " + disk.oldestScn() + ", oldest "
                + age(disk.oldestAgeSeconds());
        if (context.window() != null && disk.oldestAgeSeconds() != null
                && Duration.ofSeconds(disk.oldestAgeSeconds()).compareTo(context.window().duration()) < 0) {
            return Outcome.warn(observed, "older than the window (" + context.window() + ")",
                    "archived logs on disk reach back less than the upgrade window: if they are deleted at this pace "
                            + "the reader's position may be gone before it resumes", retention(context));
        }
        return Outcome.pass(observed);
    }

    private static Outcome againstBaseline(OracleContext context, OracleBaseline baseline, DatabaseState db,
                                           ArchivedLogs.OnDisk disk) throws Exception {
        String expected = "archived logs from SCN " + baseline.currentScn() + " on";
        if (!db.resetlogsScn().equals(baseline.resetlogsScn())) {
            return Outcome.fail("RESETLOGS_CHANGE# " + db.resetlogsScn(), expected, "the database was opened with "
                    + "RESETLOGS after the baseline (RESETLOGS_CHANGE# was " + baseline.resetlogsScn()
                    + "): the baseline SCN belongs to an earlier incarnation", null);
        }
        RedoHistory history = RedoHistory.assess(baseline.currentScn(),
                ArchivedLogs.since(context.catalog(), db.resetlogsScn(), baseline.currentScn()),
                RedoGroup.read(context.catalog()));
        String observed = disk.files() == 0 ? "no archived log on disk"
                : "oldest archived log on disk starts at SCN " + disk.oldestScn();
        if (!history.deleted().isEmpty()) {
            return Outcome.fail(observed, expected, "archived logs the reader needs were deleted: "
                    + String.join("; ", history.deleted()), retention(context));
        }
        return Outcome.pass(observed, "every log from baseline SCN " + baseline.currentScn()
                + " on is archived on disk or still online");
    }

    private static String retention(OracleContext context) {
        long hours = context.window() == null ? 24 : Math.max(24, context.window().duration().toHours() * 2);
        return context.remedies().archiveRetention(hours);
    }

    static String age(Long seconds) {
        if (seconds == null) {
            return "age unknown";
        }
        return seconds >= 3600 ? (seconds / 3600) + "h old" : (seconds / 60) + "m old";
    }
}
