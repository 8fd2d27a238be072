package dev.upgradecheck.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.pipeline.ConnectRest;
import dev.upgradecheck.testing.pipeline.DebeziumConfigs;
import dev.upgradecheck.testing.pipeline.Pipeline;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reconcile with the connector in view: a real Debezium PostgreSQL connector streams rows 1..105 and is then stopped;
 * rows 106..110 are written after it, so they never reached Kafka. Its committed offset's time sets them apart as
 * in flight, while a row the destination lost before that time is still a gap.
 */
@Tag("kafka")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConnectorInFlightReconcileTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String CONNECTOR = "rec-in-flight";

    static EmbeddedPostgres pg;
    static ConnectRest connect;
    static String destination;

    @BeforeAll
    static void start() throws Exception {
        pg = PgServers.start(16, "logical");
        connect = Pipeline.shared().connect();
        PgServers.sql(pg, "CREATE TABLE public.orders (id int PRIMARY KEY, amount int, "
                        + "changed_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO public.orders (id, amount) SELECT g, g % 7 FROM generate_series(1, 100) g");
        connect.putConfig(CONNECTOR, DebeziumConfigs.postgres(pg.getPort(), CONNECTOR, "uc_rec_in_flight",
                "uc_rec_in_flight_pub", "public.orders"));
        connect.awaitState(CONNECTOR, "RUNNING", 1, LIMIT);
        connect.awaitOffset(CONNECTOR, o -> o.path("offset").path("snapshot_completed").asBoolean(), LIMIT);
        long before = walPosition();
        PgServers.sql(pg, "INSERT INTO public.orders (id, amount) SELECT g, g % 7 FROM generate_series(101, 105) g");
        connect.awaitOffset(CONNECTOR, o -> o.path("offset").path("lsn").asLong(-1) >= before, LIMIT);
        connect.stop(CONNECTOR);
        connect.awaitState(CONNECTOR, "STOPPED", 0, LIMIT);
        PgServers.sql(pg, "INSERT INTO public.orders (id, amount) SELECT g, g % 7 FROM generate_series(106, 110) g");

        // the destination holds what the connector delivered (1..105); one copy also lost 41..45
        destination = PgServers.database(pg, "dst",
                "CREATE TABLE public.orders_whole (id int PRIMARY KEY, amount int, changed_at timestamptz NOT NULL)",
                "CREATE TABLE public.orders_gap (id int PRIMARY KEY, amount int, changed_at timestamptz NOT NULL)");
        try (Connection src = pg.getPostgresDatabase().getConnection();
             Connection dst = DriverManager.getConnection(destination, "postgres", "");
             Statement read = src.createStatement();
             ResultSet rows = read.executeQuery("SELECT id, amount, changed_at::text FROM public.orders WHERE id <= 105");
             PreparedStatement whole = dst.prepareStatement("INSERT INTO public.orders_whole VALUES (?, ?, ?::timestamptz)");
             PreparedStatement gap = dst.prepareStatement("INSERT INTO public.orders_gap VALUES (?, ?, ?::timestamptz)")) {
            while (rows.next()) {
                for (PreparedStatement insert : List.of(whole, gap)) {
                    if (insert == gap && rows.getInt(1) >= 41 && rows.getInt(1) <= 45) {
                        continue;
                    }
                    insert.setInt(1, rows.getInt(1));
                    insert.setInt(2, rows.getInt(2));
                    insert.setString(3, rows.getString(3));
                    insert.executeUpdate();
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connect != null) {
            connect.delete(CONNECTOR);
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static CliRun.Result reconcile(String destinationTable, String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--engine", "postgres", "--url", PgServers.url(pg),
                "--user", "postgres", "--dest-url", destination, "--dest-user", "postgres", "--tables", "public.orders",
                "--table-map", "public.orders=public." + destinationTable, "--format", "json"));
        args.addAll(List.of(more));
        return new CliRun().run(args);
    }

    private static CliRun.Result withConnector(String destinationTable, String... more) {
        List<String> args = new ArrayList<>(List.of("--connect-url", connect.url().toString(), "--connector",
                CONNECTOR));
        args.addAll(List.of(more));
        return reconcile(destinationTable, args.toArray(String[]::new));
    }

    private static List<String> missing(JsonNode table) {
        List<String> spans = new ArrayList<>();
        table.get("missing").forEach(s -> spans.add(s.get("first").asText() + ".." + s.get("last").asText()));
        return spans;
    }

    @Test
    void rowsWrittenAfterTheConnectorsCommittedOffsetAreInFlightAndTheRestIsInSync() {
        CliRun.Result r = withConnector("orders_whole", "--as-of-column", "changed_at");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode t = r.json().at("/reconcile/tables/0");
        assertThat(t.get("verdict").asText()).isEqualTo("IN_SYNC");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(110);
        assertThat(t.get("destinationRows").asLong()).isEqualTo(105);
        assertThat(t.get("inFlightRows").asLong()).isEqualTo(5);
        assertThat(t.get("missing")).isEmpty();
        assertThat(t.get("notes").toString()).contains("5 row(s) changed at the source after ")
                .contains("the commit time of the last change connector 'rec-in-flight' has committed");
    }

    @Test
    void aRowLostBeforeTheConnectorsOffsetIsStillAGap() {
        CliRun.Result r = withConnector("orders_gap", "--as-of-column", "changed_at");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode t = r.json().at("/reconcile/tables/0");
        assertThat(t.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(missing(t)).containsExactly("41..45");
        assertThat(t.get("inFlightRows").asLong()).isEqualTo(5);
    }

    @Test
    void withoutTheConnectorTheRowsInFlightShowAsMissingAndContradictoryCutOffsAreRefused() {
        CliRun.Result r = reconcile("orders_gap");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(missing(r.json().at("/reconcile/tables/0"))).containsExactly("41..45", "106..110");

        CliRun.Result noColumn = withConnector("orders_whole");
        assertThat(noColumn.exitCode()).as(noColumn.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(noColumn.json().at("/reconcile/tables/0/notes").toString())
                .contains("without --as-of-column no row says when it changed");

        CliRun.Result both = withConnector("orders_whole", "--as-of-column", "changed_at", "--as-of",
                "2026-01-01T00:00:00Z");
        assertThat(both.exitCode()).as(both.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(both.err()).contains("give one");
    }

    private static long walPosition() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
