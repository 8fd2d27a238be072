package dev.upgradecheck.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.upgradecheck.baseline.Json;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debezium's signal for an ad hoc incremental snapshot: a row in the connector's signal table with type
 * {@code execute-snapshot} and the tables to read again. The engines quote the signal table's name their own way;
 * the row's values are SQL string literals built here.
 */
public final class SnapshotSignal {

    private SnapshotSignal() {
    }

    /** {@code INSERT INTO <quotedTable> (id, type, data) VALUES (...)}, every value a quoted literal. */
    public static String insert(String quotedTable, String id, List<String> tables) {
        return insert(quotedTable, id, tables, false);
    }

    /** The same, for a server that reads a backslash in a string literal as an escape (MySQL, MariaDB). */
    public static String insert(String quotedTable, String id, List<String> tables, boolean backslashEscapes) {
        return "INSERT INTO " + quotedTable + " (id, type, data) VALUES (" + literal(id, backslashEscapes)
                + ", 'execute-snapshot', " + literal(data(tables), backslashEscapes) + ");";
    }

    /** The signal's {@code data}: {"data-collections":[...],"type":"incremental"} as compact JSON. */
    public static String data(List<String> tables) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data-collections", tables);
        data.put("type", "incremental");
        return json(data);
    }

    /** Each dot-separated part of a name in SQL's double quotes (PostgreSQL, Oracle, SQL Server's ANSI mode). */
    public static String doubleQuoted(String dotted) {
        return Arrays.stream(dotted.split("\\.", -1))
                .map(part -> "\"" + part.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining("."));
    }

    private static String literal(String value, boolean backslashEscapes) {
        String escaped = backslashEscapes ? value.replace("\\", "\\\\") : value;
        return "'" + escaped.replace("'", "''") + "'";
    }

    /** A JSON (and JavaScript) string literal. */
    public static String jsonString(String value) {
        return json(value);
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("names and lists of names always serialise", e);
        }
    }
}
