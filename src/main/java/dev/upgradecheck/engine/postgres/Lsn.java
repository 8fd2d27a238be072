package dev.upgradecheck.engine.postgres;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A PostgreSQL WAL position ({@code pg_lsn}), written {@code 16/B374D848}: the high and low 32 bits of a
 * 64-bit byte offset, in hex. Compared unsigned, as the server does.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    private static final Pattern FORM = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    public static final Lsn ZERO = new Lsn(0);

    @JsonCreator
    public static Lsn parse(String text) {
        if (text == null || !FORM.matcher(text.trim()).matches()) {
            String shown = text == null ? "(none)" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new IllegalArgumentException("invalid LSN '" + shown + "': write e.g. 16/B374D848");
        }
        String[] parts = text.trim().split("/");
        return new Lsn((Long.parseLong(parts[0], 16) << 32) | Long.parseLong(parts[1], 16));
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
