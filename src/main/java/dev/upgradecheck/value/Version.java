package dev.upgradecheck.value;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version such as {@code 14}, {@code 16.4}, {@code 8.0.36}, {@code 19.3.0.0} or {@code 2022}.
 * Leading numbers are kept; a suffix ({@code 16.4 (Debian...)}, {@code 10.11.5-MariaDB}) is dropped.
 * What counts as "major" is the engine's business: PostgreSQL 10+ uses the first number, MySQL the first two.
 */
public record Version(List<Integer> parts, String text) implements Comparable<Version> {

    private static final Pattern LEADING = Pattern.compile("^\\s*v?(\\d{1,9}(?:\\.\\d{1,9}){0,5})");

    public Version {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a version needs at least one number");
        }
    }

    public static Version parse(String text) {
        if (text == null || text.length() > 200) {
            throw new IllegalArgumentException("invalid version: " + UserText.shown(text, 40));
        }
        Matcher m = LEADING.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("invalid version '" + UserText.shown(text, 40)
                    + "': write numbers separated by dots, e.g. 16, 8.0 or 19.3");
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            parts.add(Integer.parseInt(p));
        }
        return new Version(parts, text.trim());
    }

    /** The n-th number (0-based), or 0 when the version has fewer parts. */
    public int part(int index) {
        return index < parts.size() ? parts.get(index) : 0;
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    /** Compares the first {@code count} numbers only: {@code 8.0.36} and {@code 8.0} share a 2-part prefix. */
    public boolean samePrefix(Version other, int count) {
        for (int i = 0; i < count; i++) {
            if (part(i) != other.part(i)) {
                return false;
            }
        }
        return true;
    }

    public boolean atLeast(int... numbers) {
        for (int i = 0; i < numbers.length; i++) {
            if (part(i) != numbers[i]) {
                return part(i) > numbers[i];
            }
        }
        return true;
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
