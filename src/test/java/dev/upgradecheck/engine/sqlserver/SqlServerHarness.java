package dev.upgradecheck.engine.sqlserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.testing.RecordedCatalog;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the CLI in-process with the sqlserver engine connected to a recorded (or given) database. */
final class SqlServerHarness {

    static final String URL = "jdbc:sqlserver://db1.internal:1433;databaseName=sales;encrypt=true";
    static final String PASSWORD = "s3cret-Pa55";

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        JsonNode check(String id) {
            for (JsonNode c : json().path("checks")) {
                if (c.path("id").asText().equals(id)) {
                    return c;
                }
            }
            throw new AssertionError("no check " + id + " in " + out);
        }

        String status(String id) {
            return check(id).path("status").asText();
        }

        Map<String, String> statuses() {
            Map<String, String> all = new HashMap<>();
            json().path("checks").forEach(c -> all.put(c.path("id").asText(), c.path("status").asText()));
            return all;
        }
    }

    private final Function<ConnectionSpec, Connection> connector;
    final List<RecordedCatalog> opened = new ArrayList<>();

    SqlServerHarness(RecordedSqlServer server) {
        this.connector = spec -> {
            RecordedCatalog catalog = server.catalog();
            opened.add(catalog);
            return catalog.connection();
        };
    }

    SqlServerHarness(Function<ConnectionSpec, Connection> connector) {
        this.connector = connector;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("UPGRADE_CHECK_PASSWORD", PASSWORD);
        Cli cli = new Cli(env::get, new ByteArrayInputStream(new byte[0]),
                new EngineRegistry(List.of(new SqlServerInspector(connector))));
        int code = cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code command --engine sqlserver --url URL --user cdc_reader --format json} plus the given arguments. */
    Run command(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--engine", "sqlserver", "--url", URL,
                "--user", "cdc_reader", "--format", "json"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    List<String> sentStatements() {
        List<String> all = new ArrayList<>();
        opened.forEach(c -> all.addAll(c.sent()));
        return all;
    }
}
