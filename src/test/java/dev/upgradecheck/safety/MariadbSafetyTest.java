package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mysql engine against a real MariaDB (the engine's own test server) with the general query log written to
 * {@code mysql.general_log}: what the server says the tool ran is the evidence. The tool logs in as an account with
 * ALL PRIVILEGES, so only the tool itself stands between it and a write.
 */
class MariadbSafetyTest {

    static final List<Hostile.Name> HOSTILE = Hostile.NAMES;
    static final String TOOL = "uc_tool";
    static final String TOOL_PASSWORD = "tool-pw-7";

    static MariadbTestServer server;
    static Set<String> benign;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = MariadbTestServer.start();
        server.adminExecute("CREATE USER '" + TOOL + "'@'%' IDENTIFIED BY '" + TOOL_PASSWORD + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + TOOL + "'@'%'",
                "INSERT INTO shop.orders VALUES (1, 10)",
                "SET GLOBAL log_output = 'TABLE'", "SET GLOBAL general_log = ON");
        sent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCommandSendsOnlyReadsAndSessionSettings() {
        Path baseline = dir.resolve("baseline.json");
        List<CliRun.Result> runs = List.of(
                tool("precheck", "--cdc-user", MariadbTestServer.CDC, "--tables", "shop.orders",
                        "--save-baseline", baseline.toString()),
                tool("verify", "--cdc-user", MariadbTestServer.CDC, "--baseline", baseline.toString()),
                tool("snapshot-advice", "--baseline", baseline.toString()),
                tool("plan", "--tables", "shop.orders"));
        runs.forEach(r -> assertThat(r.exitCode()).as(r.toString()).isIn(0, 1));

        List<String> sent = sent();

        assertThat(sent).as("the general log shows the tool's statements").isNotEmpty();
        assertThat(sent).allSatisfy(sql -> assertThat(Statements.MYSQL.isRead(sql)).as(sql).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("HOSTILE")
    void hostileNamesAreEscapedValuesThatNeverChangeTheSql(Hostile.Name name) throws Exception {
        if (benign == null) {
            tool("precheck", "--cdc-user", MariadbTestServer.CDC, "--tables", "shop.orders");
            tool("precheck", "--cdc-user", "no_user", "--tables", "shop.no_table");
            benign = new HashSet<>();
            sent().forEach(sql -> benign.add(Statements.withoutLiterals(sql, true)));
        }
        String v = name.value();
        CliRun.Result flags = tool("precheck", "--cdc-user", v, "--tables", "shop." + v);
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                targets:
                  - name: hostile
                    engine: mariadb
                    user: %s
                    url: '%s'
                    tables: ['shop.%s']
                    cdcUser: '%s'
                """.formatted(TOOL, server.url(), v.replace("'", "''"), v.replace("'", "''")));
        CliRun.Result fleet = new CliRun().env("UPGRADE_CHECK_PASSWORD", TOOL_PASSWORD)
                .run("precheck", "--inventory", inventory.toString(), "--format", "json");

        for (CliRun.Result r : List.of(flags, fleet)) {
            assertThat(r.exitCode()).as(r.toString()).isIn(0, 1, 2);
            assertThat(r.err().strip().lines().count()).as(r.toString()).isLessThanOrEqualTo(1);
        }
        for (String sql : sent()) {
            String code = Statements.withoutLiterals(sql, true);
            assertThat(code).as("a name leaked into the SQL text: " + sql).doesNotContain(name.tell());
            assertThat(benign).as("SQL that benign names never cause").contains(code);
        }
        assertThat(server.adminQuery("SELECT count(*) FROM shop.orders")).isEqualTo("1");
    }

    @Test
    void aPrivilegePoorAccountGetsErrorOrFailWithTheGrantNeverAPassItCouldNotSee() {
        CliRun.Result admin = tool("precheck", "--cdc-user", MariadbTestServer.NO_REPLICATION);
        CliRun.Result poor = new CliRun().env("UPGRADE_CHECK_PASSWORD", MariadbTestServer.NO_REPLICATION_PASSWORD)
                .run("precheck", "--engine", "mariadb", "--url", server.url(), "--user",
                        MariadbTestServer.NO_REPLICATION, "--cdc-user", MariadbTestServer.NO_REPLICATION,
                        "--format", "json");

        assertThat(poor.exitCode()).as(poor.toString()).isEqualTo(1);
        assertThat(poor.err()).doesNotContain("Exception").doesNotContain("\tat ");
        Map<String, String> privileged = new HashMap<>();
        admin.json().get("checks").forEach(c -> privileged.put(c.get("id").asText(), c.get("status").asText()));
        List<String> errors = new ArrayList<>();
        for (JsonNode c : poor.json().get("checks")) {
            String id = c.get("id").asText();
            String status = c.get("status").asText();
            if (status.equals("PASS")) {
                assertThat(privileged.get(id)).as(id + " passed for the poor account only").isEqualTo("PASS");
            }
            if (status.equals("ERROR")) {
                errors.add(id);
                assertThat(c.get("remedy").asText() + " | " + c.get("detail").asText()).as(id)
                        .containsPattern("GRANT [A-Z ,]+ ON");
            }
        }
        assertThat(poor.check("mysql.cdc_user_grants").get("status").asText()).isIn("FAIL", "ERROR");
        sent();
    }

    @Test
    void baselineStateOfTheWrongShapeExitsTwoInOneLine() throws Exception {
        CliRun.Result r = tool("verify", "--baseline", BrokenBaselines.wrongShapeState("mysql", dir).toString());

        BrokenBaselines.assertRefusedInOneLine(r);
    }

    private static CliRun.Result tool(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "mariadb", "--format", "json",
                "--url", server.url(), "--user", TOOL));
        args.addAll(List.of(more));
        return new CliRun().env("UPGRADE_CHECK_PASSWORD", TOOL_PASSWORD).run(args);
    }

    /** The tool's statements since the last call (the log is emptied each time). */
    private static List<String> sent() {
        return EngineFixtures.Mariadb.generalLog(server, TOOL);
    }
}
