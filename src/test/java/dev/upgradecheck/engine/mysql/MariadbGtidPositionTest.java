package dev.upgradecheck.engine.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MariadbGtidPositionTest {

    @Test
    void parsesOneGtidPerDomain() {
        MariadbGtidPosition p = MariadbGtidPosition.parse("1-2-37, 0-1-100");

        assertThat(p.sequence(0)).isEqualTo(100);
        assertThat(p.sequence(1)).isEqualTo(37);
        assertThat(p.sequence(7)).isZero();
        assertThat(p.toString()).isEqualTo("0-1-100,1-2-37");
    }

    @Test
    void noGapWhenTheOldestBinlogStartsAtOrBeforeTheReader() {
        MariadbGtidPosition reader = MariadbGtidPosition.parse("0-1-100,1-2-37");

        assertThat(reader.gapsBefore(MariadbGtidPosition.parse("0-1-100,1-2-30"))).isEmpty();
        assertThat(reader.gapsBefore(MariadbGtidPosition.EMPTY)).isEmpty();
    }

    @Test
    void gapNamesThePurgedSequencesPerDomain() {
        MariadbGtidPosition reader = MariadbGtidPosition.parse("0-1-100");

        var gaps = reader.gapsBefore(MariadbGtidPosition.parse("0-1-150,2-5-3"));

        assertThat(gaps).containsExactly(new MariadbGtidPosition.Gap(0, 101, 150), new MariadbGtidPosition.Gap(2, 1, 3));
        assertThat(gaps.get(0).toString()).isEqualTo("domain 0: sequence 101 to 150");
    }

    @Test
    void comparesPositionsPerDomain() {
        assertThat(MariadbGtidPosition.parse("0-1-10,1-1-5").isAtOrAfter(MariadbGtidPosition.parse("0-1-9"))).isTrue();
        assertThat(MariadbGtidPosition.parse("0-1-10").isAtOrAfter(MariadbGtidPosition.parse("0-1-9,1-1-1"))).isFalse();
    }

    @Test
    void rejectsMalformedPositions() {
        assertThatThrownBy(() -> MariadbGtidPosition.parse("0-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MariadbGtidPosition.parse("0-1-2,0-1-3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MariadbGtidPosition.parse("")).isEqualTo(MariadbGtidPosition.EMPTY);
    }
}
