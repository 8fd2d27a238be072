package dev.upgradecheck.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import dev.upgradecheck.testing.RecordedConnectWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.upgradecheck.testing.RecordedConnectWorker.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything that can be wrong with Kafka Connect, through the command line: one line on stderr, the documented exit
 * code, no secret, and nothing but GET sent. The connector is read before the database is opened, so the source URL
 * here points at a closed port that is never reached.
 */
class ConnectBadInputTest {

    private static final String TOKEN = "kc-Token-7f3a9";

    private final RecordedConnectWorker worker = new RecordedConnectWorker();
    private final String sourceUrl = "jdbc:postgresql://127.0.0.1:" + Ports.unused() + "/orders";

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        worker.close();
    }

    private CliRun.Result precheck(Map<String, String> env, String connectUrl, String... more) {
        List<String> args = new ArrayList<>(List.of("precheck", "--engine", "postgres", "--url", sourceUrl,
                "--connect-url", connectUrl, "--connector", "orders-cdc", "--connect-timeout", "2s",
                "--query-timeout", "2s"));
        args.addAll(List.of(more));
        return CliRun.withEnv(env).run(args);
    }

    private CliRun.Result precheck(String... more) {
        return precheck(Map.of("KC_TOKEN", TOKEN), worker.url(), more);
    }

    private void runningPostgresConnector() {
        worker.connector("orders-cdc", "RUNNING", List.of(task(0, "RUNNING")),
                Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector"), List.of());
    }

    private static void assertOneLine(CliRun.Result run, int exitCode, String... contains) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
        assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n").doesNotContain("\tat ")
                .startsWith("upgrade-check: ").contains(contains);
        if (exitCode == 3) {
            // a single source that cannot be read still writes its report, one ERROR line saying the same
            assertThat(run.out()).as(run.toString()).contains("ERROR").contains("Kafka Connect at").contains("1 error");
        } else {
            assertThat(run.out()).as(run.toString()).isEmpty();
        }
    }

    @Test
    void anUnauthenticatedRequestIsRefusedSayingWhichOptionsGiveCredentials() {
        runningPostgresConnector();
        worker.requireAuthorization("Bearer " + TOKEN);

        assertOneLine(precheck(), ExitCode.CONNECTION_FAILED, "HTTP 401", "--connect-token-env");
    }

    @Test
    void aRejectedTokenIsNamedByItsSourceNeverByItsValue() {
        runningPostgresConnector();
        worker.requireAuthorization("Bearer something-else");

        CliRun.Result run = precheck("--connect-token-env", "KC_TOKEN");

        assertOneLine(run, ExitCode.CONNECTION_FAILED, "HTTP 401", "--connect-token-env KC_TOKEN");
        assertThat(run.err()).doesNotContain(TOKEN);
        assertThat(worker.authorizations()).contains("Bearer " + TOKEN);
    }

    @Test
    void aForbiddenReadIsNamedWithTheCredentialSource() throws Exception {
        runningPostgresConnector();
        worker.forbidAll();
        Path password = Files.writeString(dir.resolve("kc-password"), "kc-Pa55word\n");

        CliRun.Result run = precheck("--connect-user", "auditor", "--connect-password-file", password.toString());

        assertOneLine(run, ExitCode.CONNECTION_FAILED, "HTTP 403", "--connect-password-file " + password);
        String basic = "Basic " + Base64.getEncoder().encodeToString("auditor:kc-Pa55word".getBytes());
        assertThat(worker.authorizations()).contains(basic);
    }

    @Test
    void anUnknownConnectorNamesTheConnectorsThatExist() {
        worker.answer("/connectors", 200, RecordedConnectWorker.json(List.of("inventory-cdc", "billing-cdc")));

        assertOneLine(precheck(), ExitCode.BAD_INPUT, "'orders-cdc' not found", "inventory-cdc, billing-cdc");
    }

    @Test
    void malformedJsonSaysTheUrlMayNotBeKafkaConnect() {
        worker.answer("/connectors/orders-cdc/status", 200, "<html>login page</html>");

        assertOneLine(precheck(), ExitCode.BAD_INPUT, "malformed JSON", "--connect-url");
    }

    @Test
    void aConnectorOfAnotherEngineIsRefused() {
        worker.connector("orders-cdc", "RUNNING", List.of(task(0, "RUNNING")),
                Map.of("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector"), List.of());

        assertOneLine(precheck(), ExitCode.BAD_INPUT, "is a sqlserver connector", "not postgres");
    }

    @Test
    void anUnreachableWorkerIsExit3() {
        int closed = Ports.unused();

        assertOneLine(precheck(Map.of(), "http://127.0.0.1:" + closed), ExitCode.CONNECTION_FAILED,
                "Kafka Connect at http://127.0.0.1:" + closed, "refused the connection");
    }

    @Test
    void drainAgainstAnUnreachableWorkerExits3AndStillWritesItsOneErrorReport() {
        int closed = Ports.unused();

        CliRun.Result run = CliRun.withEnv(Map.of()).run("drain", "--engine", "postgres", "--url", sourceUrl,
                "--connect-url", "http://127.0.0.1:" + closed, "--connector", "orders-cdc", "--connect-timeout", "2s",
                "--timeout", "5s");

        assertOneLine(run, ExitCode.CONNECTION_FAILED, "refused the connection");
        assertThat(run.out()).contains("drain");
    }

    @Test
    void aWorkerThatNeverAnswersIsBoundedByTheTimeouts() {
        worker.silent();
        long start = System.nanoTime();

        CliRun.Result run = precheck();

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertOneLine(run, ExitCode.CONNECTION_FAILED, "did not answer GET /connectors/orders-cdc/status");
        assertThat(seconds).isLessThan(10);
    }

    @Test
    void credentialsInTheUrlOrAMissingVariableAreBadInputBeforeAnyRequest() {
        assertOneLine(precheck(Map.of(), worker.url().replace("http://", "http://u:pw@")), ExitCode.BAD_INPUT,
                "must not hold credentials");
        assertOneLine(precheck(Map.of(), worker.url(), "--connect-token-env", "KC_TOKEN"), ExitCode.BAD_INPUT,
                "KC_TOKEN", "is not set");
        assertOneLine(precheck(Map.of(), worker.url(), "--connect-user", "auditor"), ExitCode.BAD_INPUT,
                "--connect-password-env");
        assertThat(worker.requests()).isEmpty();
    }

    @Test
    void inventoryTargetsNameTheirConnectorAndCredentialAndAFailureStaysThatTargetsLine() throws Exception {
        worker.requireAuthorization("Bearer " + TOKEN);
        worker.answer("/connectors", 200, RecordedConnectWorker.json(List.of("orders-cdc")));
        Path inventory = Files.writeString(dir.resolve("fleet.yaml"), """
                defaults:
                  engine: postgres
                  connectUrl: %s
                  connectTokenEnv: KC_TOKEN
                targets:
                  - name: billing
                    url: %s
                    connector: billing-cdc
                """.formatted(worker.url(), sourceUrl));

        CliRun.Result run = CliRun.withEnv(Map.of("KC_TOKEN", TOKEN)).run("precheck", "--inventory",
                inventory.toString(), "--format", "json", "--connect-timeout", "2s", "--query-timeout", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode target = run.json().get("targets").get(0);
        assertThat(CliRun.check(target, "pg.input").get("detail").asText())
                .contains("'billing-cdc' not found", "it has: orders-cdc");
        assertThat(worker.authorizations()).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void aMissingOrNonPemCaFileIsBadInput() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        assertOneLine(precheck("--connect-ca", dir.resolve("missing.pem").toString()), ExitCode.BAD_INPUT,
                "--connect-ca", "does not exist");
        assertOneLine(precheck("--connect-ca", notPem.toString()), ExitCode.BAD_INPUT, "--connect-ca", notPem.toString());
        assertThat(worker.requests()).isEmpty();
    }

    @Test
    void theClientSendsNothingButGet() {
        runningPostgresConnector();

        precheck();
        CliRun.withEnv(Map.of()).run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--connect-url", worker.url(), "--connector", "orders-cdc");

        assertThat(worker.requests()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("GET "));
    }
}
