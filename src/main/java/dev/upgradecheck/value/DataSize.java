package dev.upgradecheck.value;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count as people write it: {@code 512}, {@code 64kB}, {@code 16MB}, {@code 1GB}, {@code 2TB}
 * (binary multiples, as PostgreSQL's own settings use them; {@code MiB}-style suffixes are accepted too).
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    private static final Pattern FORM = Pattern.compile("(\\d{1,19})\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must be zero or positive");
        }
    }

    public static DataSize parse(String text) {
        if (text == null || text.length() > 32) {
            throw invalid(text);
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(text);
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw invalid(text);
        }
        return new DataSize(n << shift);
    }

    private static IllegalArgumentException invalid(String text) {
        String shown = UserText.shown(text, 32);
        return new IllegalArgumentException("invalid size '" + shown + "': write e.g. 0, 512kB, 64MB or 1GB");
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Human form, rounded down to the largest unit that divides it exactly. */
    @Override
    public String toString() {
        String[] units = {"TB", "GB", "MB", "kB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (40 - 10 * i);
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return bytes + " bytes";
    }
}
