package dev.upgradecheck.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.safety.EngineFixtures;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reconcile across databases: a real MariaDB source, a real PostgreSQL destination. Column text differs between
 * them, so keys are compared (by a hash both compute alike) and the gaps are still exact.
 */
class MariadbToPostgresReconcileTest {

    static final String READER = "uc_reconcile";
    static final String READER_PASSWORD = "reconcile-pw-7";

    static MariadbTestServer mariadb;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        mariadb = MariadbTestServer.start();
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            rows.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 13).append(')');
        }
        mariadb.adminExecute("INSERT INTO shop.orders VALUES " + rows,
                "CREATE TABLE shop.skus (code VARCHAR(20) PRIMARY KEY, label VARCHAR(40)) CHARACTER SET latin1",
                "INSERT INTO shop.skus SELECT CONCAT('SKU-', seq), CONCAT('label ', seq) FROM shop.seq_1_to_600");
        pg = PgServers.start(16, "replica");
        PgServers.sql(pg, "CREATE DATABASE dst");
        try (Connection c = pg.getDatabase("postgres", "dst").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.orders (id bigint PRIMARY KEY, amount numeric)");
            s.execute("INSERT INTO shop.orders SELECT g, g % 13 FROM generate_series(1, 5000) g "
                    + "WHERE g NOT BETWEEN 2001 AND 2015 AND g <> 4999");
            s.execute("CREATE TABLE shop.skus (code text PRIMARY KEY, label text)");
            s.execute("INSERT INTO shop.skus SELECT 'SKU-' || g, 'label ' || g FROM generate_series(1, 600) g "
                    + "WHERE g <> 317");
            s.execute("INSERT INTO shop.skus VALUES ('SKU-9999', 'only here')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (mariadb != null) {
            mariadb.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static String pgUrl() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/dst";
    }

    static CliRun.Result reconcile(String destUrl, String destUser, String... more) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--engine", "mariadb", "--url", mariadb.url() + "shop",
                "--user", MariadbTestServer.ADMIN, "--dest-url", destUrl, "--dest-user", destUser, "--format", "json"));
        args.addAll(List.of(more));
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", MariadbTestServer.ADMIN_PASSWORD,
                "UPGRADE_CHECK_DEST_PASSWORD", "wrong-password-1")).run(args);
    }

    @Test
    void findsTheMissingKeysAcrossDatabasesComparingKeysOnly() {
        CliRun.Result r = reconcile(pgUrl(), "postgres", "--tables", "shop.orders,shop.skus", "--keys");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode orders = PostgresReconcileTest.table(r, "shop.orders");
        assertThat(orders.get("verdict").asText()).isEqualTo("MISSING_ROWS");
        assertThat(PostgresReconcileTest.spans(orders, "missing")).containsExactly("2001..2015=15", "4999..4999=1");
        assertThat(orders.get("comparedBy").asText()).isEqualTo("keys");
        assertThat(orders.get("notes").toString()).contains("different databases (mysql to postgresql)");
        assertThat(PostgresReconcileTest.queries(orders)).isLessThanOrEqualTo(30);
        assertThat(orders.get("resnapshot").asText()).startsWith("INSERT INTO `debezium_signal`")
                .contains("`id` BETWEEN 2001 AND 2015 OR `id` = 4999");

        JsonNode skus = PostgresReconcileTest.table(r, "shop.skus");
        assertThat(PostgresReconcileTest.spans(skus, "missing")).containsExactly("SKU-317..SKU-317=1");
        assertThat(PostgresReconcileTest.spans(skus, "extra")).containsExactly("SKU-9999..SKU-9999=1");
    }

    @Test
    void withoutKeysTheCountsOfTheFirstCutLeadToTheExactMissingRanges() {
        CliRun.Result r = reconcile(pgUrl(), "postgres", "--tables", "shop.orders");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode orders = PostgresReconcileTest.table(r, "shop.orders");
        assertThat(orders.get("sourceRows").asLong()).isEqualTo(5000);
        assertThat(orders.get("destinationRows").asLong()).isEqualTo(5000 - 16);
        assertThat(PostgresReconcileTest.spans(orders, "missing")).containsExactly("2001..2015=15", "4999..4999=1");
        // the count with the key's bounds, 64 range counts, one fetch of the differing ranges (at most 256 rows each)
        assertThat(orders.at("/sourceCost/queries").asLong()).as("statements at the source").isEqualTo(3);
        assertThat(orders.at("/destinationCost/queries").asLong()).as("statements at the destination").isEqualTo(3);
        assertThat(orders.at("/sourceCost/rowsTransferred").asLong()).as("rows sent by the source").isLessThan(700);
    }

    @Test
    void theColumnsOfEveryTableAreOneCatalogStatementAtTheMariadbSource() throws Exception {
        mariadb.adminExecute("CREATE USER IF NOT EXISTS '" + READER + "'@'%' IDENTIFIED BY '" + READER_PASSWORD + "'",
                "GRANT SELECT ON shop.* TO '" + READER + "'@'%'",
                "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = ON");
        try {
            EngineFixtures.Mariadb.generalLog(mariadb, READER);
            List<String> args = List.of("reconcile", "--engine", "mariadb", "--url", mariadb.url() + "shop", "--user",
                    READER, "--dest-url", pgUrl(), "--dest-user", "postgres", "--format", "json", "--tables",
                    "shop.orders,shop.skus,shop.gone", "--keys");
            CliRun.Result r = CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", READER_PASSWORD)).run(args);
            List<String> sent = EngineFixtures.Mariadb.generalLog(mariadb, READER);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(PostgresReconcileTest.spans(PostgresReconcileTest.table(r, "shop.orders"), "missing"))
                    .as("an integer key read from the catalog").containsExactly("2001..2015=15", "4999..4999=1");
            assertThat(PostgresReconcileTest.spans(PostgresReconcileTest.table(r, "shop.skus"), "missing"))
                    .as("a text key read from the catalog").containsExactly("SKU-317..SKU-317=1");
            assertThat(PostgresReconcileTest.table(r, "shop.gone").get("notes").get(0).asText())
                    .contains("not found at the source");
            List<String> catalog = sent.stream().filter(q -> q.toLowerCase(java.util.Locale.ROOT)
                    .matches("(?s).*(information_schema|^\\s*show ).*")).toList();
            assertThat(catalog).as("catalog reads among " + sent).hasSize(1);
            assertThat(catalog.get(0)).contains("'orders'", "'skus'", "'gone'");
        } finally {
            mariadb.adminExecute("SET GLOBAL general_log = OFF");
        }
    }

    @Test
    void aWrongDestinationPasswordCannotConnect() {
        // zonky's cluster trusts local logins: a MariaDB destination checks the password for real
        CliRun.Result r = reconcile(mariadb.url() + "shop", MariadbTestServer.CDC, "--tables", "shop.orders");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONNECTION_FAILED);
        assertThat(r.err()).doesNotContain("wrong-password-1").doesNotContain("Exception");
    }
}
