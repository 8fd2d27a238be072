package dev.upgradecheck.engine.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.upgradecheck.engine.postgres.PgServers.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader that confirms the position of its last change (Debezium does) leaves the slot returning that
 * transaction again: at the baseline the slot "holds" a change the reader has. The server alone cannot tell that
 * from a change never read, so a replaced slot is RECOMMENDED (not REQUIRED, not NOT_NEEDED); the connector's
 * offset saved with the baseline settles it. Real 16.x cluster; the slot is advanced the way such a reader
 * confirms, to its last change's LSN.
 */
class ConfirmedInsideTransactionTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** The source after the reader confirmed its last change; returns {url, last change LSN, commit LSN}. */
    private static String[] readerConfirmedItsLastChange(String db) throws Exception {
        String url = PgServers.database(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE PUBLICATION " + db + "_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('" + db + "_slot', 'pgoutput')",
                "INSERT INTO public.orders VALUES (1)");
        String change;
        String commit;
        try (Connection conn = DriverManager.getConnection(url, "postgres", "");
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT lsn::text, get_byte(data, 0) AS kind FROM "
                     + "pg_logical_slot_peek_binary_changes('" + db + "_slot', NULL, NULL, 'proto_version', '1', "
                     + "'publication_names', '" + db + "_pub') ORDER BY lsn")) {
            change = null;
            commit = null;
            while (rs.next()) {
                if (rs.getInt("kind") == 'I') {
                    change = rs.getString(1);
                } else if (rs.getInt("kind") == 'C') {
                    commit = rs.getString(1);
                }
            }
        }
        assertThat(change).as("the insert is decodable").isNotNull();
        PgServers.sql(url, "SELECT pg_replication_slot_advance('" + db + "_slot', '" + change + "')");
        return new String[]{url, change, commit};
    }

    private static Path baseline(Path dir, String url, String slot) throws Exception {
        Path file = dir.resolve(slot + ".json");
        CliRun.Result precheck = cli("precheck", url, "--slot", slot, "--save-baseline", file.toString());
        assertThat(file).as(precheck.toString()).exists();
        return file;
    }

    /** The baseline as saved with --connect-url: the connector's view, with this committed offset, added. */
    private static Path withConnectorOffset(Path baseline, String slot, Lsn lsn, Lsn commit) throws Exception {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(baseline.toFile());
        PipelineView view = new PipelineView("orders-cdc", DebeziumOffset.CONNECTOR_CLASS, "STOPPED", List.of(),
                Map.of("topic.prefix", "src", "slot.name", slot),
                List.of(new ConnectorOffset(Map.of("server", "src"),
                        Map.of("lsn", lsn.value(), "lsn_commit", commit.value()))), null, Instant.now());
        json.set("pipeline", Json.mapper().valueToTree(view));
        Path file = baseline.resolveSibling("with-offset-" + lsn.value() + ".json");
        Files.writeString(file, Json.mapper().writeValueAsString(json));
        return file;
    }

    private static void recreate(String url, String slot, String... between) {
        PgServers.sql(url, "SELECT pg_drop_replication_slot('" + slot + "')");
        if (between.length > 0) {
            PgServers.sql(url, between);
        }
        PgServers.sql(url, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
    }

    @Test
    void theServerAloneCannotTellTheReadersLastTransactionFromAnUnreadOne(@TempDir Path dir) throws Exception {
        String[] src = readerConfirmedItsLastChange("inside_db");
        Path baseline = baseline(dir, src[0], "inside_db_slot");
        var slot = Json.mapper().readTree(baseline.toFile()).get("state").get("slots").get(0);
        assertThat(slot.get("pendingChanges").asLong()).as("the slot returns the reader's last transaction again")
                .isEqualTo(1);
        assertThat(slot.get("lastPendingLsn").asText()).isEqualTo(slot.get("confirmedFlushLsn").asText());
        recreate(src[0], "inside_db_slot");

        CliRun.Result advice = cli("snapshot-advice", src[0], "--baseline", baseline.toString());

        assertThat(advice.table("public.orders").get("verdict").asText()).as(advice.toString())
                .isEqualTo("RECOMMENDED");
        assertThat(advice.table("public.orders").get("reasons").toString())
                .contains("confirms inside its last transaction", "--connect-url");
    }

    @Test
    void theConnectorsOffsetAtTheBaselineProvesTheSlotDrained(@TempDir Path dir) throws Exception {
        String[] src = readerConfirmedItsLastChange("offset_db");
        Path baseline = withConnectorOffset(baseline(dir, src[0], "offset_db_slot"), "offset_db_slot",
                Lsn.parse(src[1]), Lsn.parse(src[2]));
        recreate(src[0], "offset_db_slot");

        CliRun.Result advice = cli("snapshot-advice", src[0], "--baseline", baseline.toString());
        CliRun.Result verify = cli("verify", src[0], "--baseline", baseline.toString());

        assertThat(advice.json().get("verdict").asText()).as(advice.toString()).isEqualTo("NOT_NEEDED");
        assertThat(advice.table("public.orders").get("reasons").toString())
                .contains("at or before the connector's committed LSN");
        assertThat(verify.status("pg.verify.slots")).as(verify.toString()).isEqualTo("WARN");
    }

    @Test
    void anOffsetBehindTheSlotOrWritesInTheGapAreNeverAnAllClear(@TempDir Path dir) throws Exception {
        String[] src = readerConfirmedItsLastChange("behind_db");
        Path saved = baseline(dir, src[0], "behind_db_slot");
        Lsn change = Lsn.parse(src[1]);
        Lsn before = new Lsn(change.value() - 8);
        Path behind = withConnectorOffset(saved, "behind_db_slot", before, before);
        Path drained = withConnectorOffset(saved, "behind_db_slot", change, Lsn.parse(src[2]));
        recreate(src[0], "behind_db_slot", "INSERT INTO public.orders VALUES (2)");

        CliRun.Result offsetBehind = cli("snapshot-advice", src[0], "--baseline", behind.toString());
        CliRun.Result writeInGap = cli("snapshot-advice", src[0], "--baseline", drained.toString());

        assertThat(offsetBehind.json().get("verdict").asText()).as(offsetBehind.toString()).isNotEqualTo("NOT_NEEDED");
        assertThat(writeInGap.table("public.orders").get("verdict").asText()).as(writeInGap.toString())
                .isEqualTo("REQUIRED");
    }

    /**
     * The reader took its last transaction again after the baseline, which moved the slot: not proven the
     * baseline's slot, yet there was nothing to skip (drained by the offset, and no transaction id assigned since).
     * The same move with a write in between FAILs: an advance past the write would look the same.
     */
    @Test
    void aSlotMovedOnlyByItsReaderWithNothingWrittenSinceWarnsAndAWriteFails(@TempDir Path dir) throws Exception {
        String[] src = readerConfirmedItsLastChange("moved_db");
        Path baseline = withConnectorOffset(baseline(dir, src[0], "moved_db_slot"), "moved_db_slot",
                Lsn.parse(src[1]), Lsn.parse(src[2]));
        String read = "SELECT count(*) FROM pg_logical_slot_get_binary_changes('moved_db_slot', NULL, NULL, "
                + "'proto_version', '1', 'publication_names', 'moved_db_pub')";
        PgServers.sql(src[0], read);

        CliRun.Result quiet = cli("verify", src[0], "--baseline", baseline.toString());
        PgServers.sql(src[0], "INSERT INTO public.orders VALUES (2)", read);
        CliRun.Result written = cli("verify", src[0], "--baseline", baseline.toString());

        assertThat(quiet.status("pg.verify.slots")).as(quiet.toString()).isEqualTo("WARN");
        assertThat(quiet.check("pg.verify.slots").get("observed").asText()).contains("not proven",
                "nothing it could skip");
        assertThat(quiet.exitCode()).isZero();
        assertThat(written.status("pg.verify.slots")).as(written.toString()).isEqualTo("FAIL");
        assertThat(written.exitCode()).isEqualTo(1);
    }
}
