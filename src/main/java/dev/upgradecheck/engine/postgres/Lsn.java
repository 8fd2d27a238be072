package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.value.UserText;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;


/**
 * A PostgreSQL WAL position ({@code pg_lsn}), written {@code 16/B374D848}: the high and low 32 bits of a
 * 64-bit byte offset, in hex. Compared unsigned, as the server does.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    public static final Lsn ZERO = new Lsn(0);

    @JsonCreator
    public static Lsn parse(String text) {
        // by hand, not by regex: a fleet run parses every slot's positions once per target (10^5 LSNs)
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        if (slash < 1 || slash > 8 || t.length() - slash - 1 < 1 || t.length() - slash - 1 > 8
                || !hex(t, 0, slash) || !hex(t, slash + 1, t.length())) {
            String shown = UserText.shown(text, 40);
            throw new IllegalArgumentException("invalid LSN '" + shown + "': write e.g. 16/B374D848");
        }
        return new Lsn((Long.parseLong(t, 0, slash, 16) << 32) | Long.parseLong(t, slash + 1, t.length(), 16));
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    /** Null-tolerant parse for catalog columns that are null (a physical slot has no confirmed_flush_lsn). */
    public static Lsn parseNullable(String text) {
        return text == null ? null : parse(text);
    }

    /** Bytes from {@code earlier} to this position; negative when {@code earlier} is ahead. */
    public long minus(Lsn earlier) {
        return value - earlier.value;
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Lsn other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return String.format("%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
