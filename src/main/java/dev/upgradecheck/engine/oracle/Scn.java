package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.value.UserText;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An Oracle system change number: a non-negative integer that orders every change in the redo stream.
 * Since 12.2 an SCN may use 8 bytes ("big SCN"), so it is kept as a {@link BigInteger}, never a {@code long}.
 * Written to baselines as a decimal string so no JSON reader rounds it.
 */
public record Scn(BigInteger value) implements Comparable<Scn> {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public Scn {
        if (value == null || value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("an SCN is an integer from 0 to 2^64-1, not " + value);
        }
    }

    public static Scn of(long value) {
        return new Scn(BigInteger.valueOf(value));
    }

    /** Parses a decimal SCN, as V$DATABASE.CURRENT_SCN prints it. */
    @JsonCreator
    public static Scn parse(String text) {
        // trim() also drops control characters (a lone NUL), which isBlank() does not count as blank
        String digits = text == null ? "" : text.trim();
        if (digits.isEmpty() || digits.length() > 20 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid SCN '" + UserText.shown(text, 30) + "': write a decimal number");
        }
        return new Scn(new BigInteger(digits));
    }

    /** An SCN as the driver returns a NUMBER column (usually {@link BigDecimal}); null stays null. */
    public static Scn fromColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return new Scn(d.toBigIntegerExact());
        }
        if (value instanceof BigInteger i) {
            return new Scn(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return of(((Number) value).longValue());
        }
        return parse(value.toString());
    }

    public boolean isAfter(Scn other) {
        return compareTo(other) > 0;
    }

    public boolean isAtOrBefore(Scn other) {
        return compareTo(other) <= 0;
    }

    @Override
    public int compareTo(Scn other) {
        return value.compareTo(other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
