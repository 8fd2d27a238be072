package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.BadInputException;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.ProofSteps;
import dev.upgradecheck.plan.RunbookSource;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;
import dev.upgradecheck.plan.Step.Phase;
import dev.upgradecheck.plan.Step.ReaderAction;
import dev.upgradecheck.value.Version;

import java.util.ArrayList;
import java.util.List;

/**
 * plan for MySQL and MariaDB: the general checklist (record, stop writes, drain, stop the source, upgrade,
 * verify, resume, snapshot if needed, test row, counts, watch) shaped by the path (minor or major), GTIDs
 * (resume by GTID, or stop-upgrade-resume-snapshot), the version notes (5.7 to 8.0, 8.0 to 8.4) and the platform.
 */
final class MysqlRunbook {

    private final Flavour flavour;
    private final Version from;
    private final Version to;
    private final Platform platform;
    private final Boolean gtid;
    private final UpgradePath path;
    private final MysqlAccount cdc;
    private final List<String> tables;
    private final dev.upgradecheck.value.HumanDuration window;
    private final RunbookSource source;

    private MysqlRunbook(PlanRequest request) {
        this.from = parse(request.fromVersion(), "--from");
        this.to = parse(request.toVersion(), "--to");
        Version known = from != null ? from : to;
        this.flavour = known == null ? Flavour.MYSQL : Flavour.fromVersionNumber(known);
        if (from != null && to != null && Flavour.fromVersionNumber(from) != Flavour.fromVersionNumber(to)) {
            throw new BadInputException("--from " + from + " and --to " + to + " are not the same product "
                    + "(MariaDB is 10.x/11.x, MySQL 5.x/8.x/9.x): moving between them is a migration, not an upgrade");
        }
        this.platform = request.platform().requireOneOf("MySQL or MariaDB", Platform.SELF_HOSTED, Platform.RDS,
                Platform.AURORA, Platform.CLOUDSQL, Platform.AZURE);
        this.gtid = flavour == Flavour.MARIADB ? Boolean.TRUE : request.gtid();
        this.path = from != null && to != null ? UpgradePath.of(flavour, from, to) : null;
        String user = request.target() == null ? null : request.target().cdcUser();
        this.cdc = user == null || user.isBlank() ? new MysqlAccount("<cdc user>", "%") : account(user);
        this.tables = request.target() == null ? List.of() : request.target().tables();
        this.window = request.target() == null ? null : request.target().window();
        this.source = request.source();
    }

    static Runbook build(PlanRequest request) {
        return new MysqlRunbook(request).runbook();
    }

    private static Version parse(String v, String option) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Version.parse(v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }

    private boolean major() {
        return path == null || path.isMajor();
    }

    private Runbook runbook() {
        List<String> notes = notes();
        List<Step> steps = new ArrayList<>();
        steps.addAll(before());
        steps.addAll(upgrade());
        steps.addAll(after());
        String title = flavour.product() + " " + (from == null ? "?" : from) + " -> " + (to == null ? "?" : to)
                + " (" + (path == null ? "path unknown: give --from and --to" : path.note()) + "; "
                + platform.id() + "; GTID " + (gtid == null ? "unknown: give --gtid on|off" : gtid ? "on" : "off") + ")";
        return new Runbook("mysql", title, notes, steps);
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (path != null && !path.supported()) {
            notes.add("UNSUPPORTED PATH: " + path.note() + ".");
        }
        if (path != null && !path.isMajor()) {
            notes.add("Minor upgrade: binlog files, positions and GTIDs carry over; the reader resumes where it "
                    + "stopped and no snapshot is expected.");
        } else if (Boolean.TRUE.equals(gtid)) {
            notes.add("Major upgrade with GTIDs: the reader resumes from its GTID position after the upgrade, as long "
                    + "as no GTID it needs is purged meanwhile (binlog retention must cover the window).");
        } else if (Boolean.FALSE.equals(gtid)) {
            notes.add("Major upgrade without GTIDs: the binlog file and position may not survive. Stop the source "
                    + "before the upgrade and re-snapshot the captured tables after it; better, turn GTIDs on first.");
        } else {
            notes.add("GTID setting unknown (give --gtid on|off, or --url to read it): with GTIDs the reader resumes "
                    + "by GTID; without them plan a re-snapshot after a major upgrade.");
        }
        if (flavour == Flavour.MYSQL && path != null && path.crosses("5.7", "8.0")) {
            notes.add("5.7 -> 8.0: caching_sha2_password becomes the default authentication plugin for new accounts; "
                    + "existing mysql_native_password accounts keep working in 8.0 (deprecated from 8.0.34). A CDC "
                    + "user on caching_sha2_password needs TLS or RSA public key retrieval.");
            notes.add("5.7 -> 8.0: binlog retention moves from expire_logs_days to binlog_expire_logs_seconds "
                    + "(8.0 default 30 days); expire_logs_days is deprecated and gone in 8.4. Check which one is set "
                    + "after the upgrade.");
        }
        if (flavour == Flavour.MYSQL && path != null && path.crosses("8.0", "8.4")) {
            notes.add("8.0 -> 8.4: mysql_native_password is disabled by default (it loads only with "
                    + "mysql_native_password = ON in the [mysqld] section; removed in 9.0): move the CDC user to "
                    + "caching_sha2_password first.");
            notes.add("8.0 -> 8.4: SHOW MASTER STATUS is gone (use SHOW BINARY LOG STATUS, 8.2+); SHOW SLAVE STATUS, "
                    + "CHANGE MASTER TO, START SLAVE and RESET MASTER are now SHOW REPLICA STATUS, CHANGE REPLICATION "
                    + "SOURCE TO, START REPLICA and RESET BINARY LOGS AND GTIDS. Scripts that use the old statements "
                    + "break. " + UpgradePathCheck.SHOW_MASTER_STATUS_GONE + " Upgrade the connector to a release "
                    + "that supports 8.4 (its release notes say) before the server.");
        }
        if (flavour == Flavour.MYSQL && to != null && to.atLeast(9, 0)) {
            notes.add("9.x: mysql_native_password no longer exists; accounts still using it cannot log in.");
        }
        if (flavour == Flavour.MARIADB) {
            notes.add("MariaDB always writes GTIDs (domain-server-sequence); a reader that resumes by GTID continues "
                    + "after the upgrade, one that resumes by file and position needs the binlog files to survive. "
                    + "SHOW BINLOG STATUS replaces SHOW MASTER STATUS from 10.5.2.");
        }
        if (platform.isAws()) {
            notes.add((platform == Platform.AURORA ? "Aurora MySQL" : "RDS") + ": binlog retention is "
                    + "mysql.rds_set_configuration('binlog retention hours', N), not a server variable; NULL means "
                    + "binlogs are purged as soon as possible."
                    + (platform == Platform.RDS ? " RDS keeps at most 168 hours." : ""));
            notes.add("A blue/green deployment or a restore creates a new server with its own binlog: only GTIDs "
                    + "carry the reader's position over; without them plan a snapshot.");
        }
        if (platform == Platform.AURORA) {
            notes.add("Aurora: binlog_format is set in the cluster parameter group and takes effect after a writer "
                    + "reboot; the CDC reader must use the cluster (writer) endpoint.");
        }
        if (platform == Platform.CLOUDSQL) {
            notes.add("Cloud SQL: binlog settings are database flags (gcloud sql instances patch --database-flags); "
                    + "point-in-time recovery keeps the binary log on.");
        }
        if (platform == Platform.AZURE) {
            notes.add("Azure Database for MySQL: binlog settings are server parameters (az mysql flexible-server "
                    + "parameter set); binlog_expire_logs_seconds is one of them.");
        }
        return notes;
    }

    private List<Step> before() {
        List<Step> s = new ArrayList<>();
        s.add(Step.of(Phase.BEFORE, "Check CDC health and save a baseline",
                "upgrade-check precheck --engine mysql " + source.options() + " --window <duration> --target-version "
                        + (to == null ? "<version>" : to) + " --save-baseline baseline.json; every check must pass.",
                "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', "
                        + "'gtid_mode', 'enforce_gtid_consistency', 'binlog_expire_logs_seconds', 'expire_logs_days');"));
        s.add(retentionStep());
        if (flavour == Flavour.MYSQL && to != null && to.atLeast(8, 4) && (from == null || !from.atLeast(8, 4))) {
            s.add(Step.of(Phase.BEFORE, "Move the CDC user off mysql_native_password",
                    "MySQL " + to + " does not load mysql_native_password by default. Give the reader the new "
                            + "password and TLS (or allowPublicKeyRetrieval) before the upgrade.",
                    "SELECT User, Host, plugin FROM mysql.user WHERE plugin = 'mysql_native_password';",
                    "ALTER USER " + cdc.quoted() + " IDENTIFIED WITH caching_sha2_password BY '<new password>';"));
        }
        if (flavour == Flavour.MYSQL && major() && !Boolean.TRUE.equals(gtid) && platform.isManaged()) {
            s.add(Step.of(Phase.BEFORE, "Consider turning GTIDs on first",
                    "In the " + (platform == Platform.AURORA ? "DB cluster " : "DB ") + "parameter group set "
                            + "enforce_gtid_consistency = ON and gtid-mode = ON (stepping through OFF_PERMISSIVE and "
                            + "ON_PERMISSIVE where the platform asks), then reboot; with GTIDs the reader resumes "
                            + "after the upgrade without a snapshot."));
        } else if (flavour == Flavour.MYSQL && major() && !Boolean.TRUE.equals(gtid)) {
            s.add(Step.of(Phase.BEFORE, "Consider turning GTIDs on first",
                    "Online, one step at a time on every server of the topology; with GTIDs the reader resumes "
                            + "after the upgrade without a snapshot.",
                    "SET PERSIST enforce_gtid_consistency = WARN;", "SET PERSIST enforce_gtid_consistency = ON;",
                    "SET PERSIST gtid_mode = OFF_PERMISSIVE;", "SET PERSIST gtid_mode = ON_PERMISSIVE;",
                    "SHOW GLOBAL STATUS LIKE 'Ongoing_anonymous_transaction_count';",
                    "SET PERSIST gtid_mode = ON;"));
        }
        s.add(Step.of(Phase.BEFORE, "Stop writes",
                platform.isManaged() ? "Stop the applications (or set read_only = 1 in the parameter group): "
                        + "managed servers do not allow SET GLOBAL read_only." : "Stop the applications, then make the "
                        + "server refuse writes so that nothing lands after the reader's last event.",
                platform.isManaged() ? new String[0] : new String[] {flavour == Flavour.MARIADB
                        ? "SET GLOBAL read_only = ON;" : "SET GLOBAL super_read_only = ON;"}));
        s.add(Step.of(Phase.BEFORE, "Let the reader drain",
                "Wait until the binlog dump thread says it has sent all binlog and the connector reports no lag; "
                        + "then record the final position.",
                "SELECT ID, USER, STATE FROM information_schema.PROCESSLIST WHERE COMMAND IN ('Binlog Dump', "
                        + "'Binlog Dump GTID');",
                statusStatement(from) + ";",
                flavour == Flavour.MARIADB ? "SELECT @@GLOBAL.gtid_binlog_pos;" : "SELECT @@GLOBAL.gtid_executed;"));
        s.add(Step.of(Phase.BEFORE, Boolean.TRUE.equals(gtid) && !major() ? "Pause the CDC source"
                        : "Stop the CDC source",
                Boolean.TRUE.equals(gtid) ? "It will resume from its GTID position."
                        : "Its binlog position may not survive the upgrade; it restarts after the snapshot decision.")
                .as(ReaderAction.STOP));
        return s;
    }

    private Step retentionStep() {
        String detail = "Binlogs must outlive the window, or the reader's position is purged while it is stopped"
                + (window == null ? " (24 hours below; give --window to size it)." : " (twice the " + window
                + " window, at least a day).");
        java.time.Duration keep = BinlogRetentionCheck.recommended(window == null
                ? dev.upgradecheck.value.HumanDuration.parse("1h") : window);
        long hours = keep.toHours();
        long seconds = keep.toSeconds();
        long days = (hours + 23) / 24;
        if (platform.isAws()) {
            return Step.of(Phase.BEFORE, "Keep binlogs for longer than the window", detail,
                    "CALL mysql.rds_show_configuration;",
                    "CALL mysql.rds_set_configuration('binlog retention hours', "
                            + (platform == Platform.RDS ? Math.min(hours, BinlogRetentionCheck.RDS_MAX_HOURS) : hours) + ");");
        }
        if (flavour == Flavour.MYSQL && (from == null || from.atLeast(8, 0))) {
            return Step.of(Phase.BEFORE, "Keep binlogs for longer than the window", detail,
                    "SHOW GLOBAL VARIABLES LIKE 'binlog_expire_logs_seconds';",
                    "SET PERSIST binlog_expire_logs_seconds = " + seconds + ";");
        }
        if (flavour == Flavour.MARIADB && (from == null || from.atLeast(10, 6, 1))) {
            return Step.of(Phase.BEFORE, "Keep binlogs for longer than the window", detail
                            + " Also set it in my.cnf: SET GLOBAL does not survive the restart.",
                    "SHOW GLOBAL VARIABLES LIKE 'binlog_expire_logs_seconds';",
                    "SET GLOBAL binlog_expire_logs_seconds = " + seconds + ";");
        }
        return Step.of(Phase.BEFORE, "Keep binlogs for longer than the window", detail
                        + " Also set it in my.cnf: SET GLOBAL does not survive the restart.",
                "SHOW GLOBAL VARIABLES LIKE 'expire_logs_days';", "SET GLOBAL expire_logs_days = " + days + ";");
    }

    private String statusStatement(Version v) {
        return v == null ? MysqlServer.binlogStatusStatement(flavour, flavour == Flavour.MYSQL
                ? Version.parse("8.4") : Version.parse("10.11")) : MysqlServer.binlogStatusStatement(flavour, v);
    }

    private List<Step> upgrade() {
        String how = switch (platform) {
            case RDS -> "aws rds modify-db-instance --db-instance-identifier <instance> --engine-version "
                    + (to == null ? "<version>" : to) + (major() ? " --allow-major-version-upgrade" : "")
                    + " --apply-immediately";
            case AURORA -> "aws rds modify-db-cluster --db-cluster-identifier <cluster> --engine-version <aurora version>"
                    + (major() ? " --allow-major-version-upgrade" : "") + " --apply-immediately";
            case CLOUDSQL -> "gcloud sql instances patch <instance> --database-version=<MYSQL_x_y>";
            case AZURE -> "az mysql flexible-server upgrade --name <server> --resource-group <group> --version <version>";
            case SELF_HOSTED, ATLAS -> flavour == Flavour.MARIADB
                    ? "# stop the server, install the new packages, start it, then run mariadb-upgrade"
                    : "# stop the server cleanly (innodb_fast_shutdown = 0 for a major upgrade), install the new "
                    + "binaries, start it" + (to != null && to.atLeast(8, 0, 16) ? " (8.0.16+ upgrades the "
                    + "system tables itself)" : "; then run mysql_upgrade");
        };
        return List.of(new Step(Phase.UPGRADE, "Upgrade the server", "Upgrade with your usual procedure.",
                List.of(how)));
    }

    private List<Step> after() {
        List<Step> s = new ArrayList<>();
        s.add(Step.of(Phase.AFTER, "Verify CDC settings and the resume position",
                "upgrade-check verify --engine mysql " + source.options() + " --baseline baseline.json; then "
                        + "upgrade-check snapshot-advice --baseline baseline.json.",
                "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', 'binlog_row_image', "
                        + "'gtid_mode', 'binlog_expire_logs_seconds');",
                "SHOW BINARY LOGS;", statusStatement(to) + ";"));
        if (!platform.isManaged()) {
            s.add(Step.of(Phase.AFTER, "Allow writes again", null, flavour == Flavour.MARIADB
                    ? "SET GLOBAL read_only = OFF;" : "SET GLOBAL super_read_only = OFF; SET GLOBAL read_only = OFF;"));
        }
        s.add(Step.of(Phase.AFTER, "Resume the CDC source", Boolean.TRUE.equals(gtid)
                ? "It resumes from its GTID position." : "Resume it; its old binlog position is not trusted.")
                .as(ReaderAction.RESUME));
        boolean snapshot = major() && !Boolean.TRUE.equals(gtid);
        s.add(new Step(Phase.AFTER, snapshot ? "Snapshot the captured tables" : "Snapshot only if advised",
                snapshot ? "Without GTIDs a major upgrade loses the binlog position: trigger a snapshot of "
                        + (tables.isEmpty() ? "every captured table" : String.join(", ", tables)) + "."
                        : "Run snapshot-advice with the baseline; snapshot the tables it names, if any.", List.of(),
                ReaderAction.RESNAPSHOT));
        s.addAll(ProofSteps.after("mysql", source, tables, tables.isEmpty() ? null : MysqlIdentifiers.schemaOf(tables.get(0)),
                MysqlDialect.INSTANCE));
        s.add(Step.of(Phase.AFTER, "Watch the pipeline for 24-48 hours",
                "Lag should fall steadily; check the dead-letter queue for errors from the upgrade."));
        return s;
    }

    /** A --cdc-user the account syntax cannot hold is the user's mistake (exit 2), not a crash. */
    private static MysqlAccount account(String user) {
        try {
            return MysqlAccount.parse(user);
        } catch (IllegalArgumentException e) {
            throw new dev.upgradecheck.BadInputException("--cdc-user: " + e.getMessage()
                    + " (write user or 'user'@'host', at most 300 characters)");
        }
    }
}
