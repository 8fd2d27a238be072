package dev.upgradecheck.testing.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pipeline for MariaDB: Debezium's MariaDB connector 3.5.0 on a real Kafka Connect worker streams a real
 * MariaDB's binlog (ROW, GTIDs) to Kafka, and Connect's offsets endpoint shows its binlog file, position and GTIDs.
 */
@Tag("kafka")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DebeziumMariadbPipelineTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static MariadbTestServer db;
    private static Pipeline pipeline;
    private static ConnectRest connect;

    @BeforeAll
    static void start() throws Exception {
        db = MariadbTestServer.start();
        pipeline = Pipeline.shared();
        connect = pipeline.connect();
    }

    @AfterEach
    void deleteConnectors() throws Exception {
        // a connector left running keeps a binlog dump open, which PURGE BINARY LOGS would have to wait for
        for (String connector : List.of("maria-streams", "maria-purged")) {
            connect.delete(connector);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void connectorStreamsInsertedRowsAndItsOffsetPointsBeforeItsLastTransaction() throws Exception {
        db.adminExecute("INSERT INTO shop.orders VALUES (1, 10)");
        String gtidsAtSnapshot = db.adminQuery("SELECT @@gtid_binlog_pos");
        connect.putConfig("maria-streams", DebeziumConfigs.mariadb(db.port(), MariadbTestServer.CDC,
                MariadbTestServer.CDC_PASSWORD, "maria", "shop.orders", pipeline.bootstrapServers()));
        connect.awaitState("maria-streams", "RUNNING", 1, LIMIT);

        assertThat(changes(1)).containsExactly("r:1");
        JsonNode afterSnapshot = connect.awaitOffset("maria-streams", o -> o.path("offset").has("gtids"), LIMIT);
        assertThat(afterSnapshot.path("partition").path("server").asText()).isEqualTo("maria");
        assertThat(afterSnapshot.path("offset").path("gtids").asText()).isEqualTo(gtidsAtSnapshot);
        assertThat(binaryLogs()).contains(afterSnapshot.path("offset").path("file").asText());

        db.adminExecute("INSERT INTO shop.orders VALUES (2, 20)");
        String gtidsBeforeLast = db.adminQuery("SELECT @@gtid_binlog_pos");
        db.adminExecute("INSERT INTO shop.orders VALUES (3, 30)");

        assertThat(changes(3)).containsExactly("r:1", "c:2", "c:3");
        JsonNode streamed = connect.awaitOffset("maria-streams",
                o -> gtidsBeforeLast.equals(o.path("offset").path("gtids").asText()), LIMIT);
        JsonNode offset = streamed.path("offset");
        // the offset names the GTIDs before the transaction it is in, plus how much of that one to skip: the binlog
        // holding the last transaction must still exist for the connector to resume
        assertThat(offset.path("gtids").asText()).as("%s", streamed).isEqualTo(gtidsBeforeLast);
        assertThat(offset.path("event").asInt()).as("%s", streamed).isPositive();
        assertThat(offset.path("row").asInt()).as("%s", streamed).isPositive();
        assertThat(offset.path("server_id").asText()).isEqualTo(db.adminQuery("SELECT @@server_id"));
        assertThat(binaryLogs()).contains(offset.path("file").asText());
        assertThat(offset.path("pos").asLong()).as("%s", streamed)
                .isGreaterThan(afterSnapshot.path("offset").path("pos").asLong());
    }

    @Test
    void connectorResumedAfterItsBinlogWasPurgedFailsAndNeverDeliversTheRowsOfTheGap() throws Exception {
        db.adminExecute("CREATE TABLE shop.purged (id INT PRIMARY KEY)", "INSERT INTO shop.purged VALUES (1)");
        connect.putConfig("maria-purged", DebeziumConfigs.mariadb(db.port(), MariadbTestServer.CDC,
                MariadbTestServer.CDC_PASSWORD, "mp", "shop.purged", pipeline.bootstrapServers()));
        connect.awaitState("maria-purged", "RUNNING", 1, LIMIT);
        // RUNNING comes before the snapshot's read: a row written now could arrive as a read, not an insert
        assertThat(TopicReader.changes(pipeline.bootstrapServers(), "mp.shop.purged", 1, LIMIT)).containsExactly("r:1");
        String gtidsBeforeStreamedWrite = db.adminQuery("SELECT @@gtid_binlog_pos");
        db.adminExecute("INSERT INTO shop.purged VALUES (2)");
        assertThat(TopicReader.changes(pipeline.bootstrapServers(), "mp.shop.purged", 2, LIMIT))
                .containsExactly("r:1", "c:2");
        connect.awaitOffset("maria-purged",
                o -> gtidsBeforeStreamedWrite.equals(o.path("offset").path("gtids").asText()), LIMIT);

        connect.stop("maria-purged");
        connect.awaitState("maria-purged", "STOPPED", 0, LIMIT);
        String offsetFile = connect.onlyOffset("maria-purged").path("offset").path("file").asText();
        db.adminExecute("INSERT INTO shop.purged VALUES (3)", "FLUSH BINARY LOGS");
        String head = db.adminQuery("SHOW MASTER STATUS");
        List<String> left = Eventually.poll(LIMIT, Duration.ofMillis(500), () -> {
            db.adminExecute("PURGE BINARY LOGS TO '" + head + "'");
            return binaryLogs();
        }, logs -> !logs.contains(offsetFile));
        assertThat(left).as("the binlog holding the connector's offset is purged").doesNotContain(offsetFile);

        connect.resume("maria-purged");
        String trace = connect.awaitFailure("maria-purged", LIMIT);
        // Debezium 3.5's own start-up check lets this offset through; the server refuses it (error 1236)
        assertThat(trace).contains("Could not find GTID state requested by slave in any binlog files");
        assertThat(TopicReader.changes(pipeline.bootstrapServers(), "mp.shop.purged", 3, Duration.ofSeconds(5)))
                .as("the row written while the connector was stopped never arrives")
                .containsExactly("r:1", "c:2");
    }

    private static List<String> changes(int atLeast) throws InterruptedException {
        return TopicReader.changes(pipeline.bootstrapServers(), "maria.shop.orders", atLeast, LIMIT);
    }

    private static List<String> binaryLogs() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
