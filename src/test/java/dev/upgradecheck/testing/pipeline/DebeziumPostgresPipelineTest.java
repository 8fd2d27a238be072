package dev.upgradecheck.testing.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pipeline the connect.* checks are tested against: Debezium PostgreSQL 3.6.1 on a real Kafka Connect
 * worker streams a real PostgreSQL 16's rows to Kafka, and Connect's offsets endpoint shows the LSN it committed.
 */
@Tag("kafka")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DebeziumPostgresPipelineTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static EmbeddedPostgres pg;
    private static Pipeline pipeline;
    private static ConnectRest connect;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        pipeline = Pipeline.shared();
        connect = pipeline.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            for (String connector : List.of("pg-streams", "pg-resumes", "pg-recreated", "pg-live", "pg-tls")) {
                connect.delete(connector);
            }
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void connectorStreamsInsertedRowsAndItsCommittedLsnMovesWithWrites() throws Exception {
        PgServers.sql(pg, "CREATE TABLE public.streamed (id int PRIMARY KEY, note text)",
                "INSERT INTO public.streamed VALUES (1, 'before the connector')");
        connect.putConfig("pg-streams",
                DebeziumConfigs.postgres(pg.getPort(), "pgs", "uc_streams", "uc_streams_pub", "public.streamed"));
        connect.awaitState("pg-streams", "RUNNING", 1, LIMIT);
        // RUNNING comes before the snapshot's read: a row written now could arrive as a read, not an insert
        assertThat(changes("pgs.public.streamed", 1)).containsExactly("r:1");
        JsonNode afterSnapshot = connect.awaitOffset("pg-streams",
                o -> o.path("offset").path("snapshot_completed").asBoolean(), LIMIT);
        assertThat(afterSnapshot.path("partition").path("server").asText()).isEqualTo("pgs");
        assertThat(afterSnapshot.path("offset").path("lsn").isIntegralNumber()).as("%s", afterSnapshot).isTrue();

        long walBeforeWrites = walPosition();
        PgServers.sql(pg, "INSERT INTO public.streamed VALUES (2, 'streamed')",
                "INSERT INTO public.streamed VALUES (3, 'streamed too')");

        assertThat(changes("pgs.public.streamed", 3)).containsExactly("r:1", "c:2", "c:3");
        // an event's LSN is where its WAL record starts: the first write after the look starts exactly there
        JsonNode streamed = connect.awaitOffset("pg-streams", o -> lsn(o) >= walBeforeWrites, LIMIT);
        JsonNode offset = streamed.path("offset");
        assertThat(streamed.path("partition").path("server").asText()).isEqualTo("pgs");
        assertThat(lsn(afterSnapshot)).isLessThan(walBeforeWrites);
        assertThat(lsn(streamed)).as("the committed LSN covers the writes: %s", streamed)
                .isGreaterThanOrEqualTo(walBeforeWrites)
                .isLessThanOrEqualTo(walPosition());
        assertThat(offset.path("lsn_proc").isIntegralNumber()).as("%s", streamed).isTrue();
        assertThat(offset.path("txId").asLong()).as("%s", streamed)
                .isGreaterThan(afterSnapshot.path("offset").path("txId").asLong());
        assertThat(offset.has("snapshot")).as("a streaming offset carries no snapshot marker: %s", streamed).isFalse();
    }

    @Test
    void stoppedConnectorKeepsItsOffsetAndResumesWithTheRowsWrittenMeanwhile() throws Exception {
        String topic = streamedThenStopped("pg-resumes", "resumed");
        JsonNode atStop = connect.onlyOffset("pg-resumes");
        long walAtStop = walPosition();
        assertThat(lsn(atStop)).as("%s", atStop).isLessThan(walAtStop);
        PgServers.sql(pg, "INSERT INTO public.resumed VALUES (3)");
        // longer than the worker's offset flush interval (1 s): a running task would have committed by now
        Thread.sleep(2500);
        assertThat(connect.onlyOffset("pg-resumes")).as("a stopped connector's offset stays where it was")
                .isEqualTo(atStop);

        connect.resume("pg-resumes");
        connect.awaitState("pg-resumes", "RUNNING", 1, LIMIT);
        assertThat(changes(topic, 3)).containsExactly("r:1", "c:2", "c:3");
        JsonNode resumed = connect.awaitOffset("pg-resumes", o -> lsn(o) >= walAtStop, LIMIT);
        assertThat(lsn(resumed)).as("the offset moved past the row written while stopped: %s", resumed)
                .isGreaterThanOrEqualTo(walAtStop);
    }

    @Test
    void connectorResumedOnARecreatedSlotRefusesToStartAndNeverDeliversTheRowsOfTheGap() throws Exception {
        String topic = streamedThenStopped("pg-recreated", "gap");
        PgServers.sql(pg, "INSERT INTO public.gap VALUES (3)",
                "SELECT pg_drop_replication_slot('uc_gap')",
                "SELECT pg_create_logical_replication_slot('uc_gap', 'pgoutput')",
                "INSERT INTO public.gap VALUES (4)");
        connect.resume("pg-recreated");

        // the slot of the same name starts past the offset: Debezium 3.6 refuses the offset (what it also does after
        // pg_upgrade), and the rows of the gap reach the topic only through a snapshot
        assertThat(connect.awaitFailure("pg-recreated", LIMIT)).contains("no longer available on the server");
        assertThat(changes(topic, 3, Duration.ofSeconds(5)))
                .as("nothing written after the stop arrives").containsExactly("r:1", "c:2");
    }

    @Test
    void precheckWithConnectUrlReadsTheLiveConnectorAndItsConfigAgainstTheDatabase() throws Exception {
        streamed("pg-live", "live_story");
        CliRun.Result live = pipelineCli("precheck", "pg-live");
        assertThat(live.status("connect.connector")).as(live.toString()).isEqualTo("PASS");
        assertThat(live.status("connect.tasks")).isEqualTo("PASS");
        assertThat(live.status("connect.config")).isEqualTo("PASS");
        assertThat(live.status("connect.offset")).isEqualTo("PASS");

        String elsewhere = PgServers.database(pg, "elsewhere", "SELECT 1");
        CliRun.Result other = PgServers.cli("precheck", elsewhere, "--connect-url", connect.url().toString(),
                "--connector", "pg-live");
        assertThat(other.status("connect.config")).as("a connector reading database postgres: %s", other)
                .isEqualTo("FAIL");
        assertThat(other.check("connect.config").path("observed").asText()).contains("connected to elsewhere");
    }

    @Test
    void overHttpsTheWorkerIsReadOnlyWhenItsCaIsGivenWithConnectCa() throws Exception {
        streamed("pg-tls", "tls_story");
        String https = pipeline.connectHttps().toString();

        CliRun.Result untrusted = PgServers.cli("precheck", PgServers.url(pg), "--connect-url", https,
                "--connector", "pg-tls");
        CliRun.Result trusted = PgServers.cli("precheck", PgServers.url(pg), "--connect-url", https,
                "--connector", "pg-tls", "--connect-ca", pipeline.connectCa().toString());

        assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(untrusted.err().strip()).as(untrusted.toString()).doesNotContain("\n")
                .startsWith("upgrade-check: Kafka Connect at " + https)
                .contains("failed the TLS handshake", "--connect-ca");
        assertThat(trusted.exitCode()).as(trusted.toString()).isEqualTo(ExitCode.OK);
        assertThat(trusted.status("connect.connector")).isEqualTo("PASS");
        assertThat(trusted.status("connect.offset")).isEqualTo("PASS");
    }

    /** upgrade-check {@code command} against database postgres and {@code connector} on the shared worker. */
    private static CliRun.Result pipelineCli(String command, String connector) {
        return PgServers.cli(command, PgServers.url(pg), "--connect-url", connect.url().toString(),
                "--connector", connector);
    }

    /**
     * A new table {@code public.<table>} with slot {@code uc_<table>} read by {@code connector}: row 1 arrives by its
     * snapshot, row 2 by streaming, the offset is committed past row 2, and the connector is then STOPPED.
     * Returns the table's topic.
     */
    private static String streamedThenStopped(String connector, String table) throws Exception {
        String topic = streamed(connector, table);
        connect.stop(connector);
        connect.awaitState(connector, "STOPPED", 0, LIMIT);
        return topic;
    }

    /** As {@link #streamedThenStopped}, but the connector is left RUNNING. */
    private static String streamed(String connector, String table) throws Exception {
        String topic = connector + ".public." + table;
        PgServers.sql(pg, "CREATE TABLE public." + table + " (id int PRIMARY KEY)",
                "INSERT INTO public." + table + " VALUES (1)");
        connect.putConfig(connector, DebeziumConfigs.postgres(pg.getPort(), connector, "uc_" + table,
                "uc_" + table + "_pub", "public." + table));
        connect.awaitState(connector, "RUNNING", 1, LIMIT);
        // RUNNING comes before the snapshot's read: a row written now could arrive as a read, not an insert
        assertThat(changes(topic, 1)).containsExactly("r:1");
        long walBeforeStreamedWrite = walPosition();
        PgServers.sql(pg, "INSERT INTO public." + table + " VALUES (2)");
        assertThat(changes(topic, 2)).containsExactly("r:1", "c:2");
        connect.awaitOffset(connector, o -> lsn(o) >= walBeforeStreamedWrite, LIMIT);
        return topic;
    }

    private static List<String> changes(String topic, int atLeast) throws InterruptedException {
        return changes(topic, atLeast, LIMIT);
    }

    private static List<String> changes(String topic, int atLeast, Duration limit) throws InterruptedException {
        return TopicReader.changes(pipeline.bootstrapServers(), topic, atLeast, limit);
    }

    private static long lsn(JsonNode partitionOffset) {
        return partitionOffset.path("offset").path("lsn").asLong(-1);
    }

    /** The server's current WAL write position as the 64-bit number Debezium's offsets use. */
    private static long walPosition() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
