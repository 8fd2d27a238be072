package dev.upgradecheck.engine.jdbc;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/** One result row, by lower-case column label, with the few conversions checks need. */
public final class Row {

    private final Map<String, Object> values;

    Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A row built from values, for recorded catalog answers in tests and for engines composing rows. */
    public static Row of(Map<String, Object> values) {
        Map<String, Object> lower = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new Row(lower);
    }

    public boolean has(String column) {
        return values.containsKey(key(column));
    }

    public Object get(String column) {
        String key = key(column);
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
        }
        return values.get(key);
    }

    public String string(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    public Long longValue(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return new BigDecimal(v.toString().trim()).longValue();
    }

    /** Booleans as the engines spell them: true/false, t/f, 1/0, YES/NO, ON/OFF. */
    public Boolean bool(String column) {
        Object v = get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "y", "on" -> true;
            case "false", "f", "0", "no", "n", "off" -> false;
            default -> throw new IllegalArgumentException("column " + column + " is not a boolean: " + v);
        };
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private static String key(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
