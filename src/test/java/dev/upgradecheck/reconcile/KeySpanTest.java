package dev.upgradecheck.reconcile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeySpanTest {

    private static KeySpan span(long first, long last, long rows) {
        return new KeySpan(new Key(List.of(first)), new Key(List.of(last)), rows);
    }

    @Test
    void integerRunsThatMeetAcrossBucketsAreJoinedAndOthersStayApart() {
        List<KeySpan> joined = KeySpan.joined(List.of(span(44, 45, 2), span(41, 41, 1), span(47, 47, 1),
                span(42, 43, 2)), true);

        assertThat(joined).extracting(KeySpan::toString, KeySpan::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("41..45", 5L),
                        org.assertj.core.groups.Tuple.tuple("47", 1L));
    }

    @Test
    void keysThatAreNotIntegersAreNeverJoined() {
        List<KeySpan> joined = KeySpan.joined(List.of(span(2, 2, 1), span(1, 1, 1)), false);

        assertThat(joined).extracting(KeySpan::toString).containsExactly("1", "2");
    }
}
