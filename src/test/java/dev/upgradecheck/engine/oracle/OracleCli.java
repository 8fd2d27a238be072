package dev.upgradecheck.engine.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;
import dev.upgradecheck.engine.EngineRegistry;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs the real CLI in-process with the Oracle engine connected to a given connection (recorded or live). */
final class OracleCli {

    static final String PASSWORD = "s3cret-Pa55";

    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        JsonNode check(String id) {
            for (JsonNode c : json().get("checks")) {
                if (c.get("id").asText().equals(id)) {
                    return c;
                }
            }
            throw new AssertionError("no check " + id + " in " + out);
        }

        String status(String id) {
            return check(id).get("status").asText();
        }

        String remedy(String id) {
            JsonNode r = check(id).get("remedy");
            return r == null || r.isNull() ? null : r.asText();
        }
    }

    private OracleCli() {
    }

    static Run run(Supplier<Connection> connection, String... args) {
        EngineRegistry engines = new EngineRegistry(List.of(new OracleInspector(spec -> connection.get())));
        return run(engines, args);
    }

    static Run run(EngineRegistry engines, String... args) {
        return runWithEnv(Map.of("UPGRADE_CHECK_PASSWORD", PASSWORD), engines, args);
    }

    static Run runWithEnv(Map<String, String> env, EngineRegistry engines, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Cli(env::get, InputStream.nullInputStream(), engines)
                .execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
