package dev.upgradecheck.engine.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.cli.Cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the CLI: exit code, stdout, stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(env::get, new ByteArrayInputStream(new byte[0]))
                .execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(Map.of(), args);
    }

    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON (exit " + exit + ", err " + err + "): " + out, e);
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
}
