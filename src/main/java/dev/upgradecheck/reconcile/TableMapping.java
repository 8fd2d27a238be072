package dev.upgradecheck.reconcile;

import dev.upgradecheck.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which destination table holds each source table: explicit {@code src=dest} entries first, then a preset
 * naming convention of common sinks.
 */
public final class TableMapping {

    /** Naming conventions of common sinks. */
    public enum Preset {
        /** The same schema and name. */
        SAME,
        /** Lower-cased schema and name (sinks that fold names, e.g. from Oracle's upper case). */
        LOWER,
        /** One table named {@code schema_table} (sinks that flatten a topic name), in --dest-schema if given. */
        SCHEMA_TABLE
    }

    private final Map<TableName, TableName> explicit;
    private final Preset preset;
    private final String destinationSchema;

    private TableMapping(Map<TableName, TableName> explicit, Preset preset, String destinationSchema) {
        this.explicit = explicit;
        this.preset = preset;
        this.destinationSchema = destinationSchema;
    }

    /** @param entries {@code schema.table=schema.table}, each side a plain table name */
    public static TableMapping of(List<String> entries, Preset preset, String destinationSchema) {
        Map<TableName, TableName> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new BadInputException("--table-map: write source=destination, e.g. public.orders=sink.orders");
            }
            map.put(TableName.parse(entry.substring(0, eq), "--table-map"),
                    TableName.parse(entry.substring(eq + 1), "--table-map"));
        }
        String schema = destinationSchema == null ? null
                : TableName.parse(destinationSchema, "--dest-schema").name();
        return new TableMapping(map, preset == null ? Preset.SAME : preset, schema);
    }

    public TableName destinationOf(TableName source) {
        TableName mapped = explicit.get(source);
        if (mapped != null) {
            return mapped;
        }
        return switch (preset) {
            case SAME -> destinationSchema == null ? source : new TableName(destinationSchema, source.name());
            case LOWER -> new TableName(lower(destinationSchema != null ? destinationSchema : source.schema()),
                    lower(source.name()));
            case SCHEMA_TABLE -> new TableName(destinationSchema,
                    source.schema() == null ? source.name() : source.schema() + "_" + source.name());
        };
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
