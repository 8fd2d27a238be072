package dev.upgradecheck.reconcile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One primary-key value, its parts in key order: integers as {@link Long} (they compare and split by value on
 * both sides), everything else as text (compared byte by byte on both sides, so two databases agree on order).
 */
record Key(List<Object> parts) implements Comparable<Key> {

    Key {
        parts = List.copyOf(parts);
    }

    static Key of(List<TableShape.KeyColumn> columns, List<Object> raw) {
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(normalise(raw.get(i), columns.get(i).integer()));
        }
        return new Key(parts);
    }

    static Object normalise(Object value, boolean integer) {
        if (value == null) {
            return null;
        }
        if (integer) {
            if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof BigInteger)) {
                return n.longValue();
            }
            return new BigDecimal(value.toString()).longValueExact();
        }
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value.toString();
    }

    long integer() {
        return (Long) parts.get(0);
    }

    /** Same order as the databases use: numbers by value, text by UTF-8 bytes (code points). */
    @Override
    public int compareTo(Key other) {
        for (int i = 0; i < parts.size(); i++) {
            Object a = parts.get(i);
            Object b = other.parts.get(i);
            int c = a instanceof Long x ? Long.compare(x, (Long) b) : codePointCompare((String) a, (String) b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int codePointCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return parts.size() == 1 ? String.valueOf(parts.get(0))
                : parts.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}
