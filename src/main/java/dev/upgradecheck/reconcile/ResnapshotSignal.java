package dev.upgradecheck.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.baseline.Json;
import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Debezium signal that re-snapshots only the given keys: an incremental snapshot of the table with an
 * additional condition on its key, written as the INSERT into the connector's signal table. Identifiers are
 * quoted for the source database, values written as SQL literals, the whole inside a JSON string inside a SQL
 * string literal, each level escaped.
 */
final class ResnapshotSignal {

    private ResnapshotSignal() {
    }

    static String insert(SqlDialect source, TableName signalTable, TableName table, List<TableShape.KeyColumn> key,
                         List<KeySpan> spans) {
        List<String> terms = new ArrayList<>();
        for (KeySpan span : spans) {
            if (key.size() == 1 && key.get(0).integer() && !span.firstKey().equals(span.lastKey())) {
                terms.add(source.quote(key.get(0).name()) + " BETWEEN " + span.first() + " AND " + span.last());
            } else {
                terms.add(equalsKey(source, key, span.firstKey()));
            }
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.putArray("data-collections").add(table.toString());
        data.put("type", "incremental");
        ObjectNode condition = data.putArray("additional-conditions").addObject();
        condition.put("data-collection", table.toString());
        condition.put("filter", String.join(" OR ", terms));
        try {
            String json = Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(data);
            return "INSERT INTO " + signalTable.quoted(source) + " (id, type, data) VALUES ("
                    + source.literal("upgrade-check-resnapshot-" + table) + ", 'execute-snapshot', " + source.literal(json) + ");";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String equalsKey(SqlDialect source, List<TableShape.KeyColumn> key, Key value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            Object v = value.parts().get(i);
            parts.add(source.quote(key.get(i).name()) + " = " + (v instanceof Long ? v.toString() : source.literal((String) v)));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")";
    }
}
