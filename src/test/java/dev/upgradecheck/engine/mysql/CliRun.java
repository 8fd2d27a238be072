package dev.upgradecheck.engine.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the CLI: exit code, standard output, standard error, and the JSON report. */
record CliRun(int exit, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Cli(env::get, new ByteArrayInputStream(new byte[0]))
                .execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON (exit " + exit + ", stderr: " + err + "): " + out, e);
        }
    }

    /** The check with this id from the JSON report. */
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
}
