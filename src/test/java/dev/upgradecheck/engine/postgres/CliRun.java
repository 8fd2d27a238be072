package dev.upgradecheck.engine.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/** One in-process run of the CLI: exit code, standard output and error; JSON helpers for the report. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(env);
        int exit = new Cli(environment::get, new ByteArrayInputStream(new byte[0]))
                .execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON (exit " + exit + ", stderr " + err + "):\n" + out, e);
        }
    }

    /** The check with this id from a JSON report, or an assertion error listing the ids there are. */
    JsonNode check(String id) {
        JsonNode checks = json().get("checks");
        return StreamSupport.stream(checks.spliterator(), false).filter(c -> id.equals(c.get("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + id + " in " + out));
    }

    String status(String id) {
        return check(id).get("status").asText();
    }

    JsonNode table(String name) {
        return StreamSupport.stream(json().get("tables").spliterator(), false)
                .filter(t -> name.equals(t.get("table").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + out));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
