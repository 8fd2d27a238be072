package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.value.UserText;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A SQL Server log sequence number as CDC exposes it: {@code binary(10)} (what {@code sys.fn_cdc_get_max_lsn()}
 * and {@code cdc.change_tables.start_lsn} return), printed as {@code 0x} and 20 hex digits.
 * LSNs order as unsigned big-endian bytes, which is how SQL Server compares binary values.
 */
public record Lsn(byte[] bytes) implements Comparable<Lsn> {

    public static final int LENGTH = 10;
    public static final Lsn ZERO = new Lsn(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    public Lsn {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an LSN is binary(10): 10 bytes");
        }
        bytes = bytes.clone();
    }

    /** From a binary(10) column; null stays null (CDC returns NULL before a low endpoint exists). */
    public static Lsn ofNullable(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] b) {
            return new Lsn(b);
        }
        return parse(value.toString());
    }

    /** Parses {@code 0x0000002A000001F00003} (the {@code 0x} is optional, case does not matter). */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid LSN: (none)");
        }
        String hex = text.trim();
        if (hex.regionMatches(true, 0, "0x", 0, 2)) {
            hex = hex.substring(2);
        }
        if (hex.length() != LENGTH * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            String shown = UserText.shown(text, 40);
            throw new IllegalArgumentException("invalid LSN '" + shown + "': write 0x and 20 hex digits");
        }
        return new Lsn(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int compareTo(Lsn other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lsn other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HEX.formatHex(bytes);
    }
}
