package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.UserText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set such as {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9,uuid2:1-3}, as
 * {@code @@gtid_executed} and {@code @@gtid_purged} print it. MySQL 8.3+ tagged GTIDs
 * ({@code uuid:tag:1-3}) are kept apart from the untagged ones of the same source.
 * Intervals are kept sorted and merged, so equal sets print equally.
 */
public final class GtidSet {

    /** One source of transactions: a server UUID and an optional tag (empty for untagged). */
    public record Source(String uuid, String tag) implements Comparable<Source> {
        @Override
        public int compareTo(Source o) {
            int c = uuid.compareTo(o.uuid);
            return c != 0 ? c : tag.compareTo(o.tag);
        }
    }

    /** Transactions {@code start..end}, both inclusive. */
    public record Interval(long start, long end) {
        public Interval {
            if (start < 1 || end < start) {
                throw new IllegalArgumentException("invalid GTID interval " + start + "-" + end);
            }
        }

        @Override
        public String toString() {
            return start == end ? Long.toString(start) : start + "-" + end;
        }
    }

    public static final GtidSet EMPTY = new GtidSet(new TreeMap<>());

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]{0,31}");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,19})(?:-(\\d{1,19}))?");

    private final TreeMap<Source, List<Interval>> intervals;

    private GtidSet(TreeMap<Source, List<Interval>> intervals) {
        this.intervals = intervals;
    }

    /** Parses a GTID set; white space and line breaks (as the server prints long sets) are ignored. */
    public static GtidSet parse(String text) {
        if (text == null) {
            return EMPTY;
        }
        String s = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return EMPTY;
        }
        Builder builder = new Builder();
        for (String group : s.split(",", -1)) {
            String[] parts = group.split(":", -1);
            if (parts.length < 2 || !UUID.matcher(parts[0]).matches()) {
                throw invalid(text, "each part must start with a server UUID followed by ':'");
            }
            String uuid = canonicalUuid(parts[0]);
            String tag = "";
            boolean sawInterval = false;
            for (int i = 1; i < parts.length; i++) {
                var m = INTERVAL.matcher(parts[i]);
                if (m.matches()) {
                    long start = parseNumber(m.group(1), text);
                    long end = m.group(2) == null ? start : parseNumber(m.group(2), text);
                    if (start < 1 || end < start) {
                        throw invalid(text, "interval " + parts[i] + " is empty or starts below 1");
                    }
                    builder.add(new Source(uuid, tag), start, end);
                    sawInterval = true;
                } else if (TAG.matcher(parts[i]).matches()) {
                    tag = parts[i];
                    sawInterval = false;
                } else {
                    throw invalid(text, "'" + parts[i] + "' is neither an interval nor a tag");
                }
            }
            if (!sawInterval) {
                throw invalid(text, "a UUID or tag without intervals");
            }
        }
        return builder.build();
    }

    private static long parseNumber(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text, "transaction number " + digits + " is too large");
        }
    }

    private static String canonicalUuid(String u) {
        String hex = u.replace("-", "");
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        String shown = UserText.shown(text, 80);
        return new IllegalArgumentException("invalid GTID set '" + shown + "': " + why);
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public Map<Source, List<Interval>> intervals() {
        return Collections.unmodifiableMap(intervals);
    }

    public boolean contains(String uuid, String tag, long transaction) {
        List<Interval> list = intervals.get(new Source(canonicalUuid(uuid.toLowerCase(Locale.ROOT)),
                tag == null ? "" : tag.toLowerCase(Locale.ROOT)));
        if (list == null) {
            return false;
        }
        for (Interval i : list) {
            if (transaction < i.start()) {
                return false;
            }
            if (transaction <= i.end()) {
                return true;
            }
        }
        return false;
    }

    /** Whether every transaction of {@code other} is in this set. */
    public boolean containsAll(GtidSet other) {
        return other.minus(this).isEmpty();
    }

    /** Whether this set is a subset of {@code other}. */
    public boolean isSubsetOf(GtidSet other) {
        return other.containsAll(this);
    }

    public GtidSet union(GtidSet other) {
        Builder b = new Builder();
        b.addAll(this);
        b.addAll(other);
        return b.build();
    }

    /** The transactions of this set that are not in {@code other}. */
    public GtidSet minus(GtidSet other) {
        Builder b = new Builder();
        intervals.forEach((source, mine) -> {
            List<Interval> theirs = other.intervals.getOrDefault(source, List.of());
            for (Interval i : mine) {
                long next = i.start();
                for (Interval t : theirs) {
                    if (t.end() < next) {
                        continue;
                    }
                    if (t.start() > i.end()) {
                        break;
                    }
                    if (t.start() > next) {
                        b.add(source, next, t.start() - 1);
                    }
                    next = t.end() == Long.MAX_VALUE ? Long.MAX_VALUE : t.end() + 1;
                    if (t.end() >= i.end()) {
                        next = -1;
                        break;
                    }
                }
                if (next != -1 && next <= i.end()) {
                    b.add(source, next, i.end());
                }
            }
        });
        return b.build();
    }

    /** The canonical form: sources ordered, untagged intervals first, then each tag. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String uuid = null;
        for (Map.Entry<Source, List<Interval>> e : intervals.entrySet()) {
            Source s = e.getKey();
            if (!s.uuid().equals(uuid)) {
                if (uuid != null) {
                    sb.append(',');
                }
                sb.append(s.uuid());
                uuid = s.uuid();
            }
            if (!s.tag().isEmpty()) {
                sb.append(':').append(s.tag());
            }
            for (Interval i : e.getValue()) {
                sb.append(':').append(i);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet g && intervals.equals(g.intervals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervals);
    }

    /** Collects intervals in any order and merges the ones that overlap or touch. */
    static final class Builder {
        private final TreeMap<Source, List<Interval>> raw = new TreeMap<>();

        Builder add(Source source, long start, long end) {
            raw.computeIfAbsent(source, s -> new ArrayList<>()).add(new Interval(start, end));
            return this;
        }

        Builder addAll(GtidSet set) {
            set.intervals.forEach((s, list) -> list.forEach(i -> add(s, i.start(), i.end())));
            return this;
        }

        GtidSet build() {
            TreeMap<Source, List<Interval>> merged = new TreeMap<>();
            raw.forEach((source, list) -> {
                List<Interval> sorted = new ArrayList<>(list);
                sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
                List<Interval> out = new ArrayList<>();
                for (Interval i : sorted) {
                    Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (last != null && (last.end() == Long.MAX_VALUE || i.start() <= last.end() + 1)) {
                        out.set(out.size() - 1, new Interval(last.start(), Math.max(last.end(), i.end())));
                    } else {
                        out.add(i);
                    }
                }
                if (!out.isEmpty()) {
                    merged.put(source, List.copyOf(out));
                }
            });
            return new GtidSet(merged);
        }
    }
}
