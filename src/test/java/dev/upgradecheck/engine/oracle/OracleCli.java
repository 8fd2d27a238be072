package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.EngineRegistry;
import dev.upgradecheck.testing.CliRun;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;



/** Runs the real CLI in-process with the Oracle engine connected to a given connection (recorded or live). */
final class OracleCli {

    static final String PASSWORD = "s3cret-Pa55";

    private OracleCli() {
    }

    static CliRun.Result run(Supplier<Connection> connection, String... args) {
        EngineRegistry engines = new EngineRegistry(List.of(new OracleInspector(spec -> connection.get())));
        return run(engines, args);
    }

    static CliRun.Result run(EngineRegistry engines, String... args) {
        return runWithEnv(Map.of("UPGRADE_CHECK_PASSWORD", PASSWORD), engines, args);
    }

    static CliRun.Result runWithEnv(Map<String, String> env, EngineRegistry engines, String... args) {
        return CliRun.withEnv(env).engines(engines).run(args);
    }
}
