package dev.upgradecheck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;
import dev.upgradecheck.engine.EngineRegistry;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code upgrade-check} in-process as a user would, with a chosen environment and standard input,
 * and keeps the exit code, stdout and stderr for assertions.
 */
public final class CliRun {

    public record Result(int exitCode, String out, String err) {

        /**
         * stdout with each runbook statement of the text format on one line again: continuation lines (indented
         * deeper than the statements, after a shell line's backslash or an SQL line) joined, a comment's
         * continuation mark dropped.
         */
        public String unwrapped() {
            return out.replaceAll("( \\\\)?\n {9,}(-- |# )?", " ");
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** The remedy of the JSON report's check with this id, or null when it has none. */
        public String remedy(String id) {
            JsonNode r = check(id).get("remedy");
            return r == null || r.isNull() ? null : r.asText();
        }

        /** Every check's status by id. */
        public Map<String, String> statuses() {
            Map<String, String> all = new java.util.LinkedHashMap<>();
            json().path("checks").forEach(c -> all.put(c.path("id").asText(), c.path("status").asText()));
            return all;
        }

        /** The status of the JSON report's check with this id. */
        public String status(String id) {
            return check(id).get("status").asText();
        }

        /** The snapshot-advice entry for this table. */
        public JsonNode table(String name) {
            for (JsonNode t : json().get("tables")) {
                if (t.get("table").asText().equals(name)) {
                    return t;
                }
            }
            throw new AssertionError("no table " + name + " in " + out);
        }

        /** The JSON report's check with this id, or an AssertionError showing the report. */
        public JsonNode check(String id) {
            return CliRun.check(json(), id);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The check with this id in one report (a fleet's JSON holds one report per target). */
    public static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    /** The status of the check with this id in one report. */
    public static String status(JsonNode report, String id) {
        return check(report, id).get("status").asText();
    }

    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private EngineRegistry engines;

    /** A run with this whole environment (e.g. the password variable). */
    public static CliRun withEnv(Map<String, String> environment) {
        CliRun run = new CliRun();
        run.env.putAll(environment);
        return run;
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs with these engines instead of the ServiceLoader's (an engine wired to a recorded connection). */
    public CliRun engines(EngineRegistry registry) {
        this.engines = registry;
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        Cli cli = engines == null ? new Cli(env::get, in) : new Cli(env::get, in, engines);
        int code = cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    public Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }
}
