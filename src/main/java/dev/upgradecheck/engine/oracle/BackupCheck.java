package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.check.Check;
import dev.upgradecheck.check.Outcome;
import dev.upgradecheck.engine.jdbc.Row;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The newest completed RMAN backup of the whole database the control file remembers. WARN at most: a job record
 * does not prove the backup restores. On Amazon RDS the service takes the backups (storage snapshots), which RMAN's
 * views do not show, so the check says so instead of reporting a backup as missing.
 */
final class BackupCheck {

    static final Check<OracleContext> CHECK = Check.of("oracle.backup", "Recent RMAN backup of the database",
            BackupCheck::evaluate);

    static final Duration MAX_AGE = Duration.ofDays(7);

    /** INPUT_TYPE of a job that backed up the whole database (an incremental level 0 or 1 counts as DB INCR). */
    private static final Set<String> DATABASE = Set.of("DB FULL", "DB INCR");
    private static final Set<String> COMPLETED = Set.of("COMPLETED", "COMPLETED WITH WARNINGS");

    private record Job(String inputType, String status, String lastEnd, long ageSeconds) {

        static Job of(Row r) {
            Long age = r.longValue("age_seconds");
            return new Job(r.string("input_type"), r.string("status"), r.string("last_end"),
                    age == null ? Long.MAX_VALUE : Math.max(0, age));
        }

        boolean completedDatabaseBackup() {
            return DATABASE.contains(inputType) && COMPLETED.contains(status);
        }

        boolean failed() {
            return "FAILED".equals(status) || "COMPLETED WITH ERRORS".equals(status);
        }

        String describe() {
            return inputType + " " + status + ", ended " + lastEnd + " (" + ArchivedLogCheck.age(ageSeconds) + ")";
        }
    }

    private BackupCheck() {
    }

    private static Outcome evaluate(OracleContext context) throws Exception {
        if (context.facts().rds()) {
            return Outcome.skip("Amazon RDS takes the backups (automated storage snapshots), which RMAN's views do "
                    + "not show; see the instance's LatestRestorableTime (aws rds describe-db-instances) and take a "
                    + "manual snapshot before the upgrade (aws rds create-db-snapshot)");
        }
        List<Job> jobs = context.catalog().query(OracleCatalog.BACKUP_JOBS).stream().map(Job::of).toList();
        Optional<Job> newest = jobs.stream().filter(Job::completedDatabaseBackup)
                .min(Comparator.comparingLong(Job::ageSeconds));
        String expected = "a completed database backup (DB FULL or DB INCR) within " + MAX_AGE.toDays() + " days";
        String remedy = "-- in RMAN connected to the target (rman target /), then check the backup can be read back:\n"
                + "BACKUP DATABASE PLUS ARCHIVELOG;\nRESTORE DATABASE VALIDATE;";
        if (newest.isEmpty()) {
            return Outcome.warn("no completed database backup in V$RMAN_BACKUP_JOB_DETAILS", expected,
                    "the control file remembers no RMAN backup of the whole database (records older than "
                            + "CONTROL_FILE_RECORD_KEEP_TIME are gone; backups by other means are not seen)"
                            + failedSince(jobs, Long.MAX_VALUE), remedy);
        }
        Job job = newest.get();
        if (job.ageSeconds() > MAX_AGE.toSeconds()) {
            return Outcome.warn(job.describe(), expected, "take a fresh backup right before the upgrade"
                    + failedSince(jobs, job.ageSeconds()), remedy);
        }
        return Outcome.pass(job.describe(), "a job record does not prove the backup restores: RMAN's RESTORE "
                + "DATABASE VALIDATE reads it back without restoring" + failedSince(jobs, job.ageSeconds()));
    }

    /** Failed jobs newer than the newest good backup are worth a line: the schedule may be broken. */
    private static String failedSince(List<Job> jobs, long ageSeconds) {
        List<String> failed = jobs.stream().filter(Job::failed).filter(j -> j.ageSeconds() < ageSeconds)
                .map(Job::describe).toList();
        return failed.isEmpty() ? "" : "; failed since: " + String.join("; ", failed);
    }
}
