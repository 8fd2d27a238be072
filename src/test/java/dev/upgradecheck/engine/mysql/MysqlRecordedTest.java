package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.Baseline;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.testing.RecordedCatalog;
import dev.upgradecheck.value.HumanDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL-only behaviour (versions that cannot run here) against answers recorded from MySQL's documentation. */
@ExtendWith({RecordedCatalog.EveryQueryAnswered.class, RecordedCatalog.EveryAnswerAsked.class})
class MysqlRecordedTest {

    private static final String UUID = RecordedMysql.UUID;
    private static final String OTHER = "b4f2c0de-0000-11e1-9e33-c80aa9429562";

    private static TargetOptions options(String cdcUser, String window, String target) {
        return TargetOptions.NONE.withTables(List.of("shop.orders")).with(TargetOptions.CDC_USER, cdcUser)
                .with(TargetOptions.WINDOW, window == null ? null : HumanDuration.parse(window))
                .with(TargetOptions.TARGET_VERSION, target);
    }

    private static CheckResult only(MysqlSession session, String id, TargetOptions options) {
        List<CheckResult> results = session.precheck(new Inspection(options, new CheckSelection(List.of(id), List.of())));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static CheckResult only(MysqlSession session, String id) {
        return only(session, id, options(null, null, null));
    }

    @Test
    void mysql84AsksShowBinaryLogStatus() throws SQLException {
        RecordedMysql server = new RecordedMysql().version("8.4.3");
        CheckResult r = only(server.session(), BinlogStatusCheck.ID);

        assertThat(r.status()).isEqualTo(Status.PASS);
        assertThat(r.observed()).isEqualTo("binlog.000002:157");
        assertThat(server.db.sent()).contains("SHOW BINARY LOG STATUS").doesNotContain("SHOW MASTER STATUS");
    }

    @Test
    void mysql80And57AskShowMasterStatus() throws SQLException {
        for (String version : List.of("8.0.36", "5.7.44-log")) {
            RecordedMysql server = new RecordedMysql().version(version);
            assertThat(only(server.session(), BinlogStatusCheck.ID).status()).isEqualTo(Status.PASS);
            assertThat(server.db.sent()).contains("SHOW MASTER STATUS");
        }
    }

    @Test
    void gtidModeOffWarnsWithTheOnlineProcedure() throws SQLException {
        CheckResult r = only(new RecordedMysql().version("8.0.36").set("gtid_mode", "OFF").session(), GtidModeCheck.ID);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.remedy()).contains("SET PERSIST gtid_mode = OFF_PERMISSIVE;")
                .contains("SET PERSIST gtid_mode = ON_PERMISSIVE;").endsWith("SET PERSIST gtid_mode = ON;");
    }

    @Test
    void gtidModeRemedyOn57UsesSetGlobalAndMyCnf() throws SQLException {
        CheckResult r = only(new RecordedMysql().version("5.7.44").set("gtid_mode", "OFF_PERMISSIVE").session(),
                GtidModeCheck.ID);

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.remedy()).contains("SET GLOBAL gtid_mode = ON;").contains("my.cnf");
    }

    @Test
    void gtidModeOnPasses() throws SQLException {
        assertThat(only(new RecordedMysql().session(), GtidModeCheck.ID).status()).isEqualTo(Status.PASS);
    }

    @Test
    void partialJsonRowValuesWarn() throws SQLException {
        CheckResult r = only(new RecordedMysql().set("binlog_row_value_options", "PARTIAL_JSON").session(),
                "mysql.binlog_row_value_options");

        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(r.remedy()).isEqualTo("SET PERSIST binlog_row_value_options = '';");
    }

    @Test
    void nativePasswordFailsWhenTheTargetIs84Or9() throws SQLException {
        for (String target : List.of("8.4", "9.1.0")) {
            CheckResult r = only(nativePasswordServer().session(), AuthPluginCheck.ID, options(null, null, target));

            assertThat(r.status()).as(target).isEqualTo(Status.FAIL);
            assertThat(r.remedy()).contains("ALTER USER 'cdc'@'%' IDENTIFIED WITH caching_sha2_password");
        }
    }

    @Test
    void nativePasswordWarnsOnLate80AndPassesOn57() throws SQLException {
        assertThat(only(nativePasswordServer().session(), AuthPluginCheck.ID, options(null, null, "8.0.36")).status())
                .isEqualTo(Status.WARN);
        assertThat(only(nativePasswordServer().version("5.7.44").session(), AuthPluginCheck.ID,
                options(null, null, "5.7.44")).status()).isEqualTo(Status.PASS);
    }

    private static RecordedMysql nativePasswordServer() {
        return new RecordedMysql().version("8.0.36").answer(RecordedMysql.ACCOUNT_PLUGIN,
                RecordedCatalog.rows(List.of("user_name", "host_name", "plugin"), List.of("cdc", "%", "mysql_native_password")));
    }

    @Test
    void authPluginWithoutPrivilegeIsErrorNamingTheGrant() throws SQLException {
        RecordedMysql server = new RecordedMysql().fail(RecordedMysql.ACCOUNT_PLUGIN,
                new SQLException("SELECT command denied to user 'cdc'@'%' for table 'user'", "42000", 1142));
        CheckResult r = only(server.session(), AuthPluginCheck.ID);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.remedy()).isEqualTo("GRANT SELECT ON `mysql`.`user` TO 'cdc'@'%';");
    }

    @Test
    void binlogStatusWithoutReplicationClientIsErrorNamingTheGrant() throws SQLException {
        RecordedMysql server = new RecordedMysql().fail("SHOW BINARY LOG STATUS", new SQLException(
                "Access denied; you need (at least one of) the SUPER, REPLICATION CLIENT privilege(s) for this operation",
                "42000", 1227));
        CheckResult r = only(server.session(), BinlogStatusCheck.ID);

        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.remedy()).isEqualTo("GRANT REPLICATION CLIENT ON *.* TO 'cdc'@'%';");
    }

    @Test
    void retentionOn80ComesFromBinlogExpireLogsSeconds() throws SQLException {
        RecordedMysql server = new RecordedMysql().version("8.0.36").set("binlog_expire_logs_seconds", "3600");
        CheckResult r = only(server.session(), BinlogRetentionCheck.ID, options(null, "4h", null));

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.remedy()).isEqualTo("SET PERSIST binlog_expire_logs_seconds = 86400;");
    }

    @Test
    void retentionOn80WithAutoPurgeOffNeverExpires() throws SQLException {
        RecordedMysql server = new RecordedMysql().version("8.0.36").set("binlog_expire_logs_seconds", "3600")
                .set("binlog_expire_logs_auto_purge", "OFF");

        assertThat(only(server.session(), BinlogRetentionCheck.ID, options(null, "4h", null)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void retentionOn57ComesFromExpireLogsDays() throws SQLException {
        RecordedMysql server = new RecordedMysql().version("5.7.44").set("expire_logs_days", "1");
        CheckResult r = only(server.session(), BinlogRetentionCheck.ID, options(null, "2d", null));

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.observed()).contains("expire_logs_days = 1");
        assertThat(r.remedy()).startsWith("SET GLOBAL expire_logs_days = 4;");
    }

    @Test
    void rdsWithNullRetentionFailsWithTheRdsProcedure() throws SQLException {
        RecordedMysql server = new RecordedMysql().rds().answer("CALL mysql.rds_show_configuration",
                RecordedCatalog.rows(List.of("name", "value", "description"),
                        java.util.Arrays.asList("binlog retention hours", null,
                                "binlog retention hours specifies the duration in hours before binary logs are "
                                        + "automatically deleted.")));
        MysqlSession session = server.session();
        CheckResult r = only(session, BinlogRetentionCheck.ID, options(null, "2h", null));

        assertThat(session.server().platform()).isEqualTo("rds");
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.remedy()).isEqualTo("CALL mysql.rds_set_configuration('binlog retention hours', 24);");
    }

    @Test
    void rdsWithEnoughRetentionHoursPasses() throws SQLException {
        RecordedMysql server = new RecordedMysql().rds().answer("CALL mysql.rds_show_configuration",
                RecordedCatalog.rows(List.of("name", "value", "description"), List.of("binlog retention hours", "72", "")));

        assertThat(only(server.session(), BinlogRetentionCheck.ID, options(null, "2h", null)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void auroraReaderInstanceFails() throws SQLException {
        MysqlSession session = new RecordedMysql().aurora().set("innodb_read_only", "ON").session();

        assertThat(session.server().platform()).isEqualTo("aurora");
        assertThat(only(session, AuroraWriterCheck.ID).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void readerOnMysql8SourceTerminologyIsSeenAsSentEverythingButNotProvenDrained() throws SQLException {
        CheckResult drained = only(new RecordedMysql().session(), BinlogReaderCheck.DRAINED_ID);

        assertThat(drained.status()).isEqualTo(Status.WARN);
        assertThat(drained.detail()).startsWith("The server has sent everything").contains("--connect-url");
    }

    @Test
    void cdcUserGrantsOnMysqlNeedReplicationClient() throws SQLException {
        RecordedMysql server = new RecordedMysql().privileges("'cdc'@'%'", "SELECT", "REPLICATION SLAVE");
        CheckResult r = only(server.session(), CdcUserGrantsCheck.ID);

        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.remedy()).contains("GRANT REPLICATION CLIENT ON *.* TO 'cdc'@'%';");
    }

    @Test
    void precheckForTarget84WarnsThatConnectorsSendingShowMasterStatusFail() throws SQLException {
        MysqlSession mysql80 = new RecordedMysql().version("8.0.40").session();
        CheckResult to84 = only(mysql80, UpgradePathCheck.ID, options(null, null, "8.4.3"));
        assertThat(to84.status()).isEqualTo(Status.WARN);
        assertThat(to84.detail()).contains("removed SHOW MASTER STATUS");
        assertThat(to84.remedy()).contains("upgrade the CDC connector");

        assertThat(only(mysql80, UpgradePathCheck.ID, options(null, null, "8.0.41")).status()).isEqualTo(Status.PASS);
    }

    @Test
    void majorUpgradeWithoutGtidWarnsAndUnsupportedPathFails() throws SQLException {
        MysqlSession noGtid = new RecordedMysql().version("8.0.36").set("gtid_mode", "OFF").session();
        assertThat(only(noGtid, UpgradePathCheck.ID, options(null, null, "8.4")).status()).isEqualTo(Status.WARN);

        MysqlSession old = new RecordedMysql().version("5.7.44").session();
        CheckResult skip = only(old, UpgradePathCheck.ID, options(null, null, "8.4"));
        assertThat(skip.status()).isEqualTo(Status.FAIL);
        assertThat(skip.detail()).contains("upgrade to 8.0 first");
    }

    // --- verify and snapshot-advice against a baseline ---

    private static Baseline baseline(String version, boolean gtid, String executed, String file, String uuid) {
        MysqlBaseline state = new MysqlBaseline("MYSQL", version, "self-hosted", uuid, "1", file, 157L,
                List.of(file), gtid, executed, "", null, null, Map.of("binlog_format", "ROW"), null, null);
        return new Baseline(Baseline.SCHEMA_VERSION, "mysql", "test", Instant.parse("2026-01-01T00:00:00Z"),
                null, Json.mapper().valueToTree(state));
    }

    private static List<CheckResult> verify(MysqlSession session, Baseline b) {
        return session.verify(new Inspection(options(null, null, null),
                new CheckSelection(List.of("mysql.verify"), List.of())), Optional.of(b));
    }

    private static CheckResult result(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void verifyFailsWhenGtidsTheReaderNeedsWerePurged() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(RecordedMysql.GTID_SETS, RecordedCatalog.rows(
                List.of("executed", "purged"), List.of(UUID + ":1-300", UUID + ":1-120"))).session();
        List<CheckResult> results = verify(session, baseline("8.0.36", true, UUID + ":1-100", "binlog.000001", UUID));

        CheckResult gtid = result(results, BaselineChecks.GTID_ID);
        assertThat(gtid.status()).isEqualTo(Status.FAIL);
        assertThat(gtid.detail()).contains(UUID + ":101-120");

        SnapshotAdvice advice = session.adviseSnapshot(Inspection.of(options(null, null, null)),
                Optional.of(baseline("8.0.36", true, UUID + ":1-100", "binlog.000001", UUID)));
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
    }

    @Test
    void aPurgePastTheBaselineIsOnlyAWarningWhenTheConnectorsOwnOffsetIsPastIt() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(RecordedMysql.GTID_SETS, RecordedCatalog.rows(
                List.of("executed", "purged"), List.of(UUID + ":1-300", UUID + ":1-120"))).session();
        Baseline b = baseline("8.0.36", true, UUID + ":1-100", "binlog.000001", UUID);
        List<CheckResult> results = session.verify(new Inspection(options(null, null, null),
                new CheckSelection(List.of("mysql.verify"), List.of()), connector(UUID + ":1-200")), Optional.of(b));

        assertThat(result(results, BaselineChecks.GTID_ID).status()).isEqualTo(Status.WARN);
        assertThat(result(results, BaselineChecks.GTID_ID).detail()).contains(BaselineChecks.READER_ID);
        assertThat(result(results, BaselineChecks.READER_ID).status()).isEqualTo(Status.PASS);
        assertThat(session.adviseSnapshot(new Inspection(options(null, null, null), CheckSelection.ALL,
                connector(UUID + ":1-200")), Optional.of(b)).verdict()).isEqualTo(Verdict.NOT_NEEDED);
    }

    /** binlog_format STATEMENT for a while, set back since: only the binlog shows it; its values are never printed. */
    @Test
    void aChangeLoggedAsAStatementSinceTheBaselineFailsVerify() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(MysqlCatalog.BINLOG_EVENTS, RecordedCatalog.rows(
                List.of("Log_name", "Pos", "Event_type", "Server_id", "End_log_pos", "Info"),
                List.of("binlog.000002", 157L, "Gtid", 1L, 236L, "SET @@SESSION.GTID_NEXT= '" + UUID + ":5'"),
                List.of("binlog.000002", 236L, "Query", 1L, 350L, "use `shop`; INSERT INTO orders VALUES (7, 'pii')"),
                List.of("binlog.000002", 350L, "Xid", 1L, 381L, "COMMIT /* xid=22 */"))).session();
        Baseline b = baseline("8.0.36", true, UUID + ":1-4", "binlog.000002", UUID);

        CheckResult rowEvents = result(verify(session, b), BaselineChecks.ROW_EVENTS_ID);
        assertThat(rowEvents.status()).isEqualTo(Status.FAIL);
        assertThat(rowEvents.observed()).contains("1 change(s) logged as statements")
                .contains("the first: INSERT at binlog.000002:236").doesNotContain("pii");
        SnapshotAdvice advice = session.adviseSnapshot(Inspection.of(options(null, null, null)), Optional.of(b));
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.reasons()).anyMatch(r -> r.contains("logged as statements"));
    }

    @Test
    void verifyPassesWhenOnlyGtidsTheReaderHadReadWerePurged() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(RecordedMysql.GTID_SETS, RecordedCatalog.rows(
                List.of("executed", "purged"), List.of(UUID + ":1-300," + OTHER + ":1-9", UUID + ":1-80"))).session();
        Baseline b = baseline("8.0.36", true, UUID + ":1-100", "binlog.000001", UUID);

        assertThat(result(verify(session, b), BaselineChecks.GTID_ID).status()).isEqualTo(Status.PASS);
        SnapshotAdvice withoutOffset = session.adviseSnapshot(Inspection.of(options(null, null, null)), Optional.of(b));
        assertThat(withoutOffset.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(withoutOffset.reasons()).anyMatch(r -> r.contains("the reader's own position is unknown"));

        SnapshotAdvice withOffset = session.adviseSnapshot(new Inspection(options(null, null, null),
                CheckSelection.ALL, connector(UUID + ":1-100")), Optional.of(b));
        assertThat(withOffset.verdict()).isEqualTo(Verdict.NOT_NEEDED);
        assertThat(withOffset.evidence()).singleElement().asString().contains("gtids " + UUID + ":1-100");
    }

    @Test
    void aConnectorOffsetBeforePurgedGtidsRequiresASnapshot() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(RecordedMysql.GTID_SETS, RecordedCatalog.rows(
                List.of("executed", "purged"), List.of(UUID + ":1-300", UUID + ":1-120"))).session();

        SnapshotAdvice advice = session.adviseSnapshot(new Inspection(options(null, null, null), CheckSelection.ALL,
                connector(UUID + ":1-110")), Optional.empty());
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.reasons()).anyMatch(r -> r.contains(UUID + ":111-120"));
        List<CheckResult> checks = session.connectorChecks(connector(UUID + ":1-110"),
                Inspection.of(options(null, null, null)));
        assertThat(result(checks, ConnectorChecks.OFFSET_ID).status()).isEqualTo(Status.FAIL);
        assertThat(result(checks, ConnectorChecks.SOURCE_ID).status()).isEqualTo(Status.PASS);
    }

    @Test
    void anOffsetWhoseGtidsDoNotParseProvesNothingAndBreaksNothing() throws SQLException {
        MysqlSession session = new RecordedMysql().session();

        SnapshotAdvice advice = session.adviseSnapshot(new Inspection(options(null, null, null), CheckSelection.ALL,
                connector("0-1-5")), Optional.empty());
        assertThat(advice.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(advice.reasons()).anyMatch(r -> r.contains("not a MySQL GTID set"));
        assertThat(result(session.connectorChecks(connector("0-1-5"), Inspection.of(options(null, null, null))),
                ConnectorChecks.OFFSET_ID).status()).isEqualTo(Status.WARN);
    }

    @Test
    void aConnectorRegisteringWithTheSourcesOwnServerIdIsNamed() throws SQLException {
        PipelineView view = connector(UUID + ":1-5");
        Map<String, String> config = new java.util.HashMap<>(view.config());
        config.put("database.server.id", "1");
        PipelineView sameId = new PipelineView(view.connector(), view.connectorClass(), view.state(), view.taskStates(),
                config, view.offsets(), null, view.readAt());

        CheckResult source = result(new RecordedMysql().session().connectorChecks(sameId,
                Inspection.of(options(null, null, null))), ConnectorChecks.SOURCE_ID);
        assertThat(source.status()).isEqualTo(Status.WARN);
        assertThat(source.detail()).contains("database.server.id 1 is this server's own server_id");
    }

    /** A Debezium MySQL connector whose committed offset holds these GTIDs, in Kafka Connect's shape. */
    private static PipelineView connector(String gtids) {
        return new PipelineView("inventory", ConnectorChecks.MYSQL_CONNECTOR, "RUNNING",
                List.of("RUNNING"), Map.of("database.hostname", "db1", "database.port", "3306",
                "table.include.list", "shop\\.orders"),
                List.of(new dev.upgradecheck.pipeline.ConnectorOffset(Map.of("server", "inventory"), gtids == null
                        ? Map.of("file", "binlog.000002", "pos", 157, "server_id", 1, "ts_sec", 1)
                        : Map.of("file", "binlog.000002", "pos", 157, "gtids", gtids, "server_id", 1, "ts_sec", 1))),
                null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void verifyFailsWhenTheServerForgotTransactionsTheReaderSaw() throws SQLException {
        MysqlSession session = new RecordedMysql().answer(RecordedMysql.GTID_SETS, RecordedCatalog.rows(
                List.of("executed", "purged"), List.of(OTHER + ":1-3", ""))).session();

        CheckResult gtid = result(verify(session, baseline("8.4.3", true, UUID + ":1-100", "binlog.000001", UUID)),
                BaselineChecks.GTID_ID);
        assertThat(gtid.status()).isEqualTo(Status.FAIL);
        assertThat(gtid.detail()).contains(UUID + ":1-100");
    }

    @Test
    void withoutGtidsAMajorUpgradeRequiresASnapshotAndAMissingFileFails() throws SQLException {
        MysqlSession session = new RecordedMysql().set("gtid_mode", "OFF").session();
        Baseline b = baseline("8.0.36", false, null, "binlog.000099", UUID);

        List<CheckResult> results = verify(session, b);
        assertThat(result(results, BaselineChecks.FILE_ID).status()).isEqualTo(Status.FAIL);
        assertThat(result(results, BaselineChecks.GTID_ID).status()).isEqualTo(Status.SKIP);

        SnapshotAdvice advice = session.adviseSnapshot(Inspection.of(options(null, null, null)), Optional.of(b));
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.reasons()).anyMatch(r -> r.contains("major upgrade 8.0 -> 8.4"))
                .anyMatch(r -> r.contains("before the baseline's oldest binlog.000099"));
        assertThat(advice.tables()).singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.REQUIRED));
    }

    @Test
    void aFilePositionOffsetIsNoEvidenceAcrossAMajorUpgradeWithoutGtids() throws SQLException {
        MysqlSession session = new RecordedMysql().set("gtid_mode", "OFF").session();
        Baseline b = baseline("8.0.36", false, null, "binlog.000001", UUID);

        SnapshotAdvice advice = session.adviseSnapshot(new Inspection(options(null, null, null), CheckSelection.ALL,
                connector(null)), Optional.of(b));
        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.reasons()).anyMatch(r -> r.contains("major upgrade 8.0 -> 8.4 without GTIDs"));

        SnapshotAdvice sameSeries = session.adviseSnapshot(new Inspection(options(null, null, null),
                CheckSelection.ALL, connector(null)), Optional.of(baseline("8.4.2", false, null, "binlog.000001", UUID)));
        assertThat(sameSeries.verdict()).isEqualTo(Verdict.NOT_NEEDED);
    }

    @Test
    void withoutGtidsADifferentServerFailsVerify() throws SQLException {
        MysqlSession session = new RecordedMysql().set("gtid_mode", "OFF").session();

        CheckResult server = result(verify(session, baseline("8.4.3", false, null, "binlog.000001", OTHER)),
                BaselineChecks.SERVER_ID);
        assertThat(server.status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aCorruptGtidSetInTheBaselineIsBadInput() throws SQLException {
        MysqlSession session = new RecordedMysql().session();
        Baseline corrupt = baseline("8.4.3", true, "not-a-gtid-set", "binlog.000001", UUID);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(session, corrupt))
                .isInstanceOf(dev.upgradecheck.BadInputException.class).hasMessageContaining("GTID set");
    }

    @Test
    void anInvalidTargetVersionIsBadInputNotAnErrorPerCheck() throws SQLException {
        MysqlSession session = new RecordedMysql().session();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> session.precheck(new Inspection(
                options(null, null, "eight"), CheckSelection.ALL)))
                .isInstanceOf(dev.upgradecheck.BadInputException.class).hasMessageContaining("--target-version");
    }
}
