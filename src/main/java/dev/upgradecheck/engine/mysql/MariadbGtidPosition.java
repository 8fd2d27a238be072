package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.UserText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB GTID position such as {@code 0-1-100,1-2-37}: per replication domain, the last
 * transaction as domain-server-sequence. This is what {@code @@gtid_binlog_pos}, {@code @@gtid_current_pos}
 * and {@code BINLOG_GTID_POS()} return. Unlike MySQL's GTID sets there are no intervals: within a domain,
 * everything up to the sequence number is included.
 */
public final class MariadbGtidPosition {

    /** One domain's last transaction. */
    public record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return domain + "-" + server + "-" + sequence;
        }
    }

    /** Transactions of one domain that a reader at some position still needs but the binlog no longer has. */
    public record Gap(long domain, long fromSequence, long toSequence) {
        @Override
        public String toString() {
            return "domain " + domain + ": sequence " + fromSequence
                    + (toSequence == fromSequence ? "" : " to " + toSequence);
        }
    }

    public static final MariadbGtidPosition EMPTY = new MariadbGtidPosition(new TreeMap<>());

    private static final Pattern GTID = Pattern.compile("(\\d{1,10})-(\\d{1,10})-(\\d{1,20})");

    private final TreeMap<Long, Gtid> byDomain;

    private MariadbGtidPosition(TreeMap<Long, Gtid> byDomain) {
        this.byDomain = byDomain;
    }

    public static MariadbGtidPosition parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        TreeMap<Long, Gtid> map = new TreeMap<>();
        for (String part : text.replaceAll("\\s+", "").split(",", -1)) {
            Matcher m = GTID.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid MariaDB GTID position '"
                        + UserText.shown(text, 80)
                        + "': write domain-server-sequence, e.g. 0-1-100");
            }
            Gtid g;
            try {
                g = new Gtid(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid MariaDB GTID '" + part + "': number too large");
            }
            if (map.put(g.domain(), g) != null) {
                throw new IllegalArgumentException("invalid MariaDB GTID position: domain " + g.domain()
                        + " appears twice");
            }
        }
        return new MariadbGtidPosition(map);
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    public Map<Long, Gtid> byDomain() {
        return Collections.unmodifiableMap(byDomain);
    }

    /** The last sequence number of a domain, 0 when the domain has none. */
    public long sequence(long domain) {
        Gtid g = byDomain.get(domain);
        return g == null ? 0 : g.sequence();
    }

    /**
     * What a reader that has seen everything up to this position would miss, given that the oldest binlog
     * still on the server starts at {@code oldestAvailable} (the GTID state before its first event):
     * per domain, the sequences after ours up to and including the oldest available one.
     */
    public List<Gap> gapsBefore(MariadbGtidPosition oldestAvailable) {
        List<Gap> gaps = new ArrayList<>();
        oldestAvailable.byDomain.forEach((domain, gtid) -> {
            long seen = sequence(domain);
            if (gtid.sequence() > seen) {
                gaps.add(new Gap(domain, seen + 1, gtid.sequence()));
            }
        });
        return gaps;
    }

    /** Whether every domain of {@code other} is at or behind this position. */
    public boolean isAtOrAfter(MariadbGtidPosition other) {
        return other.byDomain.values().stream().allMatch(g -> sequence(g.domain()) >= g.sequence());
    }

    @Override
    public String toString() {
        return String.join(",", byDomain.values().stream().map(Gtid::toString).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariadbGtidPosition p && byDomain.equals(p.byDomain);
    }

    @Override
    public int hashCode() {
        return byDomain.hashCode();
    }
}
