package dev.upgradecheck.engine.mysql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GtidSet against a plain model: per source, a BitSet of transaction numbers. Small numbers and few
 * sources keep collisions (overlaps, touching intervals, shared sources) frequent.
 */
class GtidSetProperties {

    private static final List<String> UUIDS = List.of("3e11fa47-71ca-11e1-9e33-c80aa9429562",
            "00000000-0000-0000-0000-000000000001", "ffffffff-ffff-ffff-ffff-fffffffffffe");
    private static final List<String> TAGS = List.of("", "cdc", "batch_2");
    private static final int MAX = 60;

    record Piece(String uuid, String tag, long start, long end) {
        String text() {
            return uuid + (tag.isEmpty() ? "" : ":" + tag) + ":" + (start == end ? start : start + "-" + end);
        }
    }

    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<Piece> piece = Combinators.combine(Arbitraries.of(UUIDS), Arbitraries.of(TAGS),
                Arbitraries.longs().between(1, MAX), Arbitraries.longs().between(0, 8))
                .as((u, t, s, len) -> new Piece(u, t, s, s + len));
        return piece.list().ofMaxSize(8);
    }

    private static GtidSet set(List<Piece> pieces) {
        return GtidSet.parse(String.join(",", pieces.stream().map(Piece::text).toList()));
    }

    private static Map<String, BitSet> model(List<Piece> pieces) {
        Map<String, BitSet> m = new TreeMap<>();
        for (Piece p : pieces) {
            m.computeIfAbsent(p.uuid() + "/" + p.tag(), k -> new BitSet()).set((int) p.start(), (int) p.end() + 1);
        }
        return m;
    }

    private static boolean sameMembers(GtidSet set, Map<String, BitSet> model) {
        for (String uuid : UUIDS) {
            for (String tag : TAGS) {
                BitSet bits = model.getOrDefault(uuid + "/" + tag, new BitSet());
                for (int n = 1; n <= MAX + 10; n++) {
                    if (set.contains(uuid, tag, n) != bits.get(n)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Property
    void printedFormParsesBackToTheSameSet(@ForAll("pieces") List<Piece> pieces) {
        GtidSet set = set(pieces);
        assertThat(GtidSet.parse(set.toString())).isEqualTo(set);
        assertThat(GtidSet.parse(set.toString()).toString()).isEqualTo(set.toString());
    }

    @Property
    void parsingHoldsExactlyTheListedTransactions(@ForAll("pieces") List<Piece> pieces) {
        assertThat(sameMembers(set(pieces), model(pieces))).isTrue();
    }

    @Property
    void intervalsAreMergedSortedAndNeverTouch(@ForAll("pieces") List<Piece> pieces) {
        for (List<GtidSet.Interval> list : set(pieces).intervals().values()) {
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).start()).isGreaterThan(list.get(i - 1).end() + 1);
            }
        }
    }

    @Property
    void orderOfPiecesDoesNotMatter(@ForAll("pieces") List<Piece> pieces) {
        List<Piece> reversed = new ArrayList<>(pieces);
        java.util.Collections.reverse(reversed);
        assertThat(set(reversed)).isEqualTo(set(pieces));
    }

    @Property
    void subsetLaws(@ForAll("pieces") List<Piece> a, @ForAll("pieces") List<Piece> b) {
        GtidSet x = set(a);
        GtidSet y = set(b);
        GtidSet union = x.union(y);
        assertThat(x.isSubsetOf(x)).isTrue();
        assertThat(x.isSubsetOf(union)).isTrue();
        assertThat(y.isSubsetOf(union)).isTrue();
        assertThat(x.minus(y).isSubsetOf(x)).isTrue();
        assertThat(x.minus(y).minus(x).isEmpty()).isTrue();
        assertThat(x.isSubsetOf(y)).isEqualTo(x.minus(y).isEmpty());
        if (x.isSubsetOf(y) && y.isSubsetOf(x)) {
            assertThat(x).isEqualTo(y);
        }
    }

    @Property
    void minusAndUnionMatchTheModel(@ForAll("pieces") List<Piece> a, @ForAll("pieces") List<Piece> b) {
        Map<String, BitSet> difference = model(a);
        Map<String, BitSet> union = model(a);
        model(b).forEach((k, bits) -> {
            difference.computeIfPresent(k, (key, mine) -> {
                BitSet copy = (BitSet) mine.clone();
                copy.andNot(bits);
                return copy;
            });
            union.computeIfAbsent(k, key -> new BitSet()).or(bits);
        });
        assertThat(sameMembers(set(a).minus(set(b)), difference)).isTrue();
        assertThat(sameMembers(set(a).union(set(b)), union)).isTrue();
        // (a - b) and b share nothing
        assertThat(set(a).minus(set(b)).minus(set(b))).isEqualTo(set(a).minus(set(b)));
    }
}
