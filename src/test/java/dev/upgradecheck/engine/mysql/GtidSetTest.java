package dev.upgradecheck.engine.mysql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GtidSetTest {

    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "b4f2c0de-0000-11e1-9e33-c80aa9429562";

    @Test
    void parsesIntervalsOfSeveralServersAndPrintsThemCanonically() {
        GtidSet set = GtidSet.parse(B.toUpperCase() + ":1-3,\n" + A + ":7-9:1-5");

        assertThat(set.toString()).isEqualTo(A + ":1-5:7-9," + B + ":1-3");
        assertThat(set.contains(A, null, 5)).isTrue();
        assertThat(set.contains(A, null, 6)).isFalse();
        assertThat(set.contains(B, "", 3)).isTrue();
    }

    @Test
    void mergesTouchingAndOverlappingIntervals() {
        assertThat(GtidSet.parse(A + ":1-5:6-9:8-12:20").toString()).isEqualTo(A + ":1-12:20");
        assertThat(GtidSet.parse(A + ":1-3," + A + ":4-6").toString()).isEqualTo(A + ":1-6");
    }

    @Test
    void keepsTaggedTransactionsApartFromUntaggedOnes() {
        GtidSet set = GtidSet.parse(A + ":1-5:cdc:1-2");

        assertThat(set.contains(A, "cdc", 2)).isTrue();
        assertThat(set.contains(A, "cdc", 3)).isFalse();
        assertThat(set.contains(A, null, 3)).isTrue();
        assertThat(set.toString()).isEqualTo(A + ":1-5:cdc:1-2");
    }

    @Test
    void purgedSubsetOfExecutedMeansNothingMissing() {
        GtidSet executedAtBaseline = GtidSet.parse(A + ":1-100");
        GtidSet purgedNow = GtidSet.parse(A + ":1-90");

        assertThat(purgedNow.isSubsetOf(executedAtBaseline)).isTrue();
        assertThat(purgedNow.minus(executedAtBaseline).isEmpty()).isTrue();
    }

    @Test
    void purgedBeyondBaselineNamesTheMissingTransactions() {
        GtidSet executedAtBaseline = GtidSet.parse(A + ":1-100");
        GtidSet purgedNow = GtidSet.parse(A + ":1-150," + B + ":1-4");

        assertThat(purgedNow.isSubsetOf(executedAtBaseline)).isFalse();
        assertThat(purgedNow.minus(executedAtBaseline).toString()).isEqualTo(A + ":101-150," + B + ":1-4");
    }

    @Test
    void minusSplitsAnIntervalAroundAHole() {
        assertThat(GtidSet.parse(A + ":1-10").minus(GtidSet.parse(A + ":4-6")).toString()).isEqualTo(A + ":1-3:7-10");
    }

    @Test
    void emptyTextIsTheEmptySet() {
        assertThat(GtidSet.parse("").isEmpty()).isTrue();
        assertThat(GtidSet.parse(null)).isEqualTo(GtidSet.EMPTY);
        assertThat(GtidSet.EMPTY.isSubsetOf(GtidSet.parse(A + ":1"))).isTrue();
    }

    @Test
    void rejectsMalformedSets() {
        assertThatThrownBy(() -> GtidSet.parse("not-a-uuid:1-5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GtidSet.parse(A + ":5-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GtidSet.parse(A + ":0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GtidSet.parse(A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GtidSet.parse(A + ":1-99999999999999999999"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
