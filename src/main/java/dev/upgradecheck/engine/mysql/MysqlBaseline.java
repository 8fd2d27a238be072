package dev.upgradecheck.engine.mysql;

import java.util.List;
import java.util.Map;

/**
 * What precheck --save-baseline records for MySQL and MariaDB: which server, where the binlog stood, which
 * GTIDs it had executed and purged, which binlog files existed, and the CDC settings. No secret.
 *
 * @param gtidMode        MySQL's gtid_mode was ON (always false for MariaDB, whose GTIDs are below)
 * @param mariadbGtidBinlogPos MariaDB's gtid_binlog_pos: the last GTID per domain written to this server's binlog
 * @param mariadbGtidAtPosition MariaDB's BINLOG_GTID_POS(binlogFile, binlogPosition): compared again by verify to
 *                              tell a reset binlog that reuses the name from the recorded one
 * @param readers         the binlog dump threads seen at the baseline (server-side: a thread is not proof that its
 *                        reader had read everything); null when this account could not see other threads
 */
public record MysqlBaseline(String flavour, String version, String platform, String serverUuid, String serverId,
                                 String binlogFile, Long binlogPosition, List<String> binlogFiles, boolean gtidMode,
                                 String gtidExecuted, String gtidPurged, String mariadbGtidBinlogPos,
                                 String mariadbGtidCurrentPos, Map<String, String> settings,
                                 String mariadbGtidAtPosition, List<String> readers) {

    /** The settings recorded, and compared by verify. */
    static final List<String> SETTINGS = List.of("log_bin", "binlog_format", "binlog_row_image",
            "binlog_row_value_options", "gtid_mode", "enforce_gtid_consistency", "gtid_strict_mode",
            "binlog_expire_logs_seconds", "binlog_expire_logs_auto_purge", "expire_logs_days");

    public MysqlBaseline {
        binlogFiles = binlogFiles == null ? List.of() : List.copyOf(binlogFiles);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        readers = readers == null ? null : List.copyOf(readers);
    }

    boolean isMariadb() {
        return Flavour.MARIADB.name().equalsIgnoreCase(flavour);
    }
}
