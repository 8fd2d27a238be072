package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.RecordedCatalog;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the CLI in-process with the sqlserver engine connected to a recorded (or given) database. */
final class SqlServerHarness {

    static final String URL = "jdbc:sqlserver://db1.internal:1433;databaseName=sales;encrypt=true";
    static final String PASSWORD = "s3cret-Pa55";

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

    CliRun.Result run(String... args) {
        return CliRun.withEnv(Map.of("UPGRADE_CHECK_PASSWORD", PASSWORD))
                .engines(new EngineRegistry(List.of(new SqlServerInspector(connector)))).run(args);
    }

    /** {@code command --engine sqlserver --url URL --user cdc_reader --format json} plus the given arguments. */
    CliRun.Result command(String command, String... more) {
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
