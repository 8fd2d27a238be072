package dev.upgradecheck.testing.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.postgres.LocalCluster;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Eventually;
import dev.upgradecheck.testing.Ports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's PostgreSQL upgrade stories end to end: a Debezium PostgreSQL 3.6.1 connector on the shared Kafka Connect
 * worker streams from a real PostgreSQL 14 cluster, which the real pg_upgrade takes to 15 (the slot is dropped, as
 * it is from every release before 17), and the topic shows what the connector delivered afterwards.
 */
@Tag("kafka")
@Tag("pg-upgrade")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DebeziumPgUpgradeTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** How long the topic is watched for a record that should never come. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    private static Pipeline pipeline;
    private static ConnectRest connect;

    @BeforeAll
    static void start() {
        assumeTrue(LocalCluster.unavailable().isEmpty(), () -> LocalCluster.unavailable().orElseThrow());
        pipeline = Pipeline.shared();
        connect = pipeline.connect();
    }

    @Test
    void drainedThroughPgUpgradeNeedsNoSnapshotAndTheConnectorResumesWithNoRowMissingOrRepeated(@TempDir Path tmp)
            throws Exception {
        // the runbook's advice for a quiet database: without a heartbeat the committed LSN stays behind the WAL's
        // head for ever, and drain cannot look into a slot in use to prove that nothing decodable lies between
        try (Story s = Story.streaming(tmp, "pgu-drained", "drained_orders", Map.of("heartbeat.interval.ms", "500"))) {
            CliRun.Result drain = s.drain();
            assertThat(drain.exitCode()).as(drain.toString()).isZero();
            s.stopConnector();
            Path baseline = s.saveBaseline();
            String plan = s.cli("plan", "--to", "15").out();
            assertThat(plan).as("the runbook sets the strategy before its resume call")
                    .contains("offset.mismatch.strategy=trust_slot", "/connectors/pgu-drained/resume");
            assertThat(plan.indexOf("offset.mismatch.strategy=trust_slot"))
                    .isLessThan(plan.indexOf("/connectors/pgu-drained/resume"));

            s.upgradeAndRecreateSlot();
            CliRun.Result verify = s.cli("verify", "--baseline", baseline.toString());
            CliRun.Result advice = s.cli("snapshot-advice", "--baseline", baseline.toString());
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(verify.status("pg.verify.slots")).isEqualTo("WARN");
            assertThat(verify.status("connect.offset")).as("Debezium refuses the offset, though nothing was lost")
                    .isEqualTo("WARN");
            assertThat(verify.remedy("connect.offset")).contains("offset.mismatch.strategy=trust_slot");
            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
            assertThat(advice.exitCode()).isZero();

            s.resumeTrustingTheSlot();
            s.cluster.sql("INSERT INTO public.drained_orders VALUES (4)", "INSERT INTO public.drained_orders VALUES (5)");
            assertThat(s.changes(5, LIMIT)).containsExactly("r:1", "c:2", "c:3", "c:4", "c:5");
            assertThat(s.changes(6, QUIET)).as("nothing delivered twice").hasSize(5);
        }
    }

    @Test
    void stoppedWithoutDrainWithWritesInTheGapThroughPgUpgradeNeedsASnapshotAndTheConnectorLosesTheRows(
            @TempDir Path tmp) throws Exception {
        try (Story s = Story.streaming(tmp, "pgu-gap", "gap_orders")) {
            s.stopConnector();
            s.cluster.sql("INSERT INTO public.gap_orders VALUES (4)");
            Path baseline = s.saveBaseline();

            s.upgradeAndRecreateSlot();
            CliRun.Result advice = s.cli("snapshot-advice", "--baseline", baseline.toString());
            CliRun.Result verify = s.cli("verify", "--baseline", baseline.toString());
            assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("REQUIRED");
            assertThat(advice.table("public.gap_orders").get("verdict").asText()).isEqualTo("REQUIRED");
            assertThat(advice.exitCode()).isEqualTo(1);
            assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
            assertThat(verify.status("pg.verify.slots")).isEqualTo("FAIL");
            assertThat(verify.status("connect.offset")).as("the gap is not proven empty").isEqualTo("FAIL");

            connect.resume(s.connector);
            String trace = connect.awaitFailure(s.connector, LIMIT);
            assertThat(trace).contains("no longer available on the server");
            CliRun.Result failed = s.cli("precheck");
            assertThat(failed.status("connect.tasks")).as(failed.toString()).isEqualTo("FAIL");
            // the observed value is the trace's first line, shortened (and the connector's password, "postgres", masked)
            assertThat(failed.check("connect.tasks").path("observed").asText())
                    .startsWith("task 0 FAILED: " + trace.substring(0, 60));

            s.cluster.sql("INSERT INTO public.gap_orders VALUES (5)");
            s.stopConnector();
            s.resumeTrustingTheSlot();
            assertThat(s.changes(4, LIMIT)).as("the row of the gap is lost, the row after the new slot arrives")
                    .containsExactly("r:1", "c:2", "c:3", "c:5");
            assertThat(s.changes(5, QUIET)).hasSize(4);
        }
    }

    /** One connector on its own PostgreSQL 14 cluster, table and slot. */
    private static final class Story implements AutoCloseable {
        final LocalCluster cluster;
        final String connector;
        final String table;
        final Path dir;

        private Story(LocalCluster cluster, String connector, String table, Path dir) {
            this.cluster = cluster;
            this.connector = connector;
            this.table = table;
            this.dir = dir;
        }

        /**
         * A 14 cluster with {@code public.<table>}: row 1 reaches the topic by the connector's snapshot, rows 2 and 3
         * by streaming, and the offset is committed past them.
         */
        static Story streaming(Path tmp, String connector, String table) throws Exception {
            return streaming(tmp, connector, table, Map.of());
        }

        static Story streaming(Path tmp, String connector, String table, Map<String, String> more) throws Exception {
            LocalCluster cluster = LocalCluster.create14(tmp.resolve("pg"), Ports.unused());
            Story s = new Story(cluster, connector, table, tmp);
            try {
                cluster.start();
                cluster.sql("CREATE TABLE public." + table + " (id int PRIMARY KEY)",
                        "INSERT INTO public." + table + " VALUES (1)");
                connect.putConfig(connector, s.config(more));
                connect.awaitState(connector, "RUNNING", 1, LIMIT);
                // RUNNING comes before the snapshot's read: a row written now could arrive as a read, not an insert
                assertThat(s.changes(1, LIMIT)).containsExactly("r:1");
                long wal = s.walPosition();
                cluster.sql("INSERT INTO public." + table + " VALUES (2)", "INSERT INTO public." + table + " VALUES (3)");
                assertThat(s.changes(3, LIMIT)).containsExactly("r:1", "c:2", "c:3");
                JsonNode offset = connect.awaitOffset(connector, o -> o.path("offset").path("lsn").asLong() >= wal, LIMIT);
                assertThat(offset.path("offset").path("lsn").asLong()).as("%s", offset).isGreaterThanOrEqualTo(wal);
                return s;
            } catch (Exception | AssertionError e) {
                s.close();
                throw e;
            }
        }

        Map<String, String> config(Map<String, String> more) {
            Map<String, String> config = DebeziumConfigs.postgres(cluster.port(), connector, "uc_" + table,
                    "uc_" + table + "_pub", "public." + table);
            config.putAll(more);
            return config;
        }

        /** Stops the connector, a FAILED one too (awaitState would end at once on its failed task). */
        void stopConnector() throws Exception {
            connect.stop(connector);
            JsonNode status = Eventually.poll(LIMIT, Duration.ofMillis(250), () -> connect.status(connector),
                    st -> "STOPPED".equals(st.path("connector").path("state").asText()) && st.path("tasks").isEmpty());
            assertThat(status.path("connector").path("state").asText()).as("%s", status).isEqualTo("STOPPED");
        }

        /** The runbook's last step before the shutdown: precheck --save-baseline with the connector in view. */
        Path saveBaseline() {
            Path baseline = dir.resolve("baseline.json");
            CliRun.Result precheck = cli("precheck", "--target-version", "15", "--save-baseline", baseline.toString());
            assertThat(precheck.exitCode()).as(precheck.toString()).isZero();
            assertThat(precheck.status("connect.connector")).as("STOPPED by the runbook").isEqualTo("WARN");
            assertThat(baseline).exists();
            return baseline;
        }

        /** pg_upgrade 14 -> 15 (wal_level logical in the new configuration), then the slot created before writes. */
        void upgradeAndRecreateSlot() {
            cluster.upgradeTo15("wal_level = logical");
            cluster.sql("SELECT pg_create_logical_replication_slot('uc_" + table + "', 'pgoutput')");
        }

        /** What the runbook says for NOT_NEEDED: the stored offset, offset.mismatch.strategy=trust_slot, resume. */
        void resumeTrustingTheSlot() throws Exception {
            connect.patchConfig(connector, Map.of("offset.mismatch.strategy", "trust_slot"));
            connect.resume(connector);
            connect.awaitState(connector, "RUNNING", 1, LIMIT);
        }

        CliRun.Result cli(String command, String... more) {
            List<String> args = new ArrayList<>(List.of("--connect-url", connect.url().toString(),
                    "--connector", connector));
            args.addAll(List.of(more));
            return PgServers.cli(command, cluster.url(), args.toArray(String[]::new));
        }

        /** {@code drain} with the connector in view (text output: drain writes no report). */
        CliRun.Result drain() {
            return new CliRun().run("drain", "--engine", "postgres", "--url", cluster.url(), "--user", "postgres",
                    "--connect-url", connect.url().toString(), "--connector", connector, "--timeout", "45s",
                    "--interval", "500ms");
        }

        List<String> changes(int atLeast, Duration limit) throws InterruptedException {
            return TopicReader.changes(pipeline.bootstrapServers(), connector + ".public." + table, atLeast, limit);
        }

        long walPosition() throws Exception {
            try (Connection c = cluster.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws Exception {
            connect.delete(connector);
            cluster.close();
        }
    }
}
