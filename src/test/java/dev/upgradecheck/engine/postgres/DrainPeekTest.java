package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.ConnectorOffset;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.pipeline.PipelineView;
import dev.upgradecheck.value.HumanDuration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader such as Debezium confirms the position of the last change it handled, which lies inside its last
 * transaction: peeking the slot from there returns that transaction again, though the connector skips every change
 * up to its committed LSN on restart. Found with a real Debezium 3.6.1 connector (drain with --connect-url never
 * finished); here the slot is advanced the same way by hand on a real PostgreSQL 16.
 */
class DrainPeekTest {

    private static EmbeddedPostgres pg;
    private static String url;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        url = PgServers.database(pg, "drainpeek", "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE PUBLICATION peek_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('peek_slot', 'pgoutput')");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void aConnectorWhoseOffsetIsItsLastChangeIsDrainedAndOneChangeMoreIsNot() throws Exception {
        PgServers.sql(url, "INSERT INTO public.orders VALUES (1)");
        String last = lastInsertLsn();
        PgServers.sql(url, "SELECT pg_replication_slot_advance('peek_slot', '" + last + "')");

        DrainStatus withOffset = drain(Optional.of(view(Lsn.parse(last).value())));
        DrainStatus serverSide = drain(Optional.empty());

        assertThat(withOffset.drained()).as(withOffset.toString()).isTrue();
        assertThat(serverSide.drained()).as("the slot alone cannot tell a handled last change from a pending one")
                .isFalse();
        assertThat(serverSide.behind()).contains("1 decodable change(s)").contains("--connect-url");

        PgServers.sql(url, "INSERT INTO public.orders VALUES (2)");
        DrainStatus behind = drain(Optional.of(view(Lsn.parse(last).value())));
        assertThat(behind.drained()).as(behind.toString()).isFalse();
        assertThat(behind.behind()).contains("1 decodable change(s)");
    }

    private static DrainStatus drain(Optional<PipelineView> view) {
        HumanDuration tenSeconds = HumanDuration.parse("10s");
        try (InspectionSession session = new PostgresInspector().open(new ConnectionSpec("postgres", url, "postgres",
                Secret.NONE, tenSeconds, tenSeconds))) {
            return session.drainStatus(view, TargetOptions.NONE.with(PgOptions.SLOT, List.of("peek_slot"))
                    .with(PgOptions.PUBLICATION, List.of("peek_pub")));
        }
    }

    /** A Debezium PostgreSQL connector's committed offset, in the shape Kafka Connect returns it. */
    private static PipelineView view(long lsn) {
        Map<String, String> config = Map.of("database.dbname", "drainpeek", "slot.name", "peek_slot",
                "plugin.name", "pgoutput", "publication.name", "peek_pub", "topic.prefix", "shop");
        ConnectorOffset offset = new ConnectorOffset(Map.of("server", "shop"),
                Map.of("lsn", lsn, "lsn_proc", lsn, "txId", 750, "ts_usec", 1_700_000_000_000_000L));
        return new PipelineView("shop-cdc", DebeziumOffset.CONNECTOR_CLASS, "STOPPED", List.of(), config,
                List.of(offset), null, Instant.now());
    }

    /** Where the last INSERT's change lies in the WAL: the position such a reader confirms. */
    private static String lastInsertLsn() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT max(lsn)::text FROM pg_logical_slot_peek_binary_changes('peek_slot', "
                     + "NULL, NULL, 'proto_version', '1', 'publication_names', 'peek_pub') WHERE get_byte(data, 0) = 73")) {
            r.next();
            return r.getString(1);
        }
    }
}
