package dev.upgradecheck.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionTest {

    @Test
    void keepsTheLeadingNumbersOfServerVersionStrings() {
        assertThat(Version.parse("16.4 (Debian 16.4-1.pgdg120+1)").parts()).containsExactly(16, 4);
        assertThat(Version.parse("10.11.5-MariaDB-log").parts()).containsExactly(10, 11, 5);
        assertThat(Version.parse("8.0.36").atLeast(8, 0, 30)).isTrue();
        assertThat(Version.parse("8.0").atLeast(8, 4)).isFalse();
        assertThat(Version.parse("2022").major()).isEqualTo(2022);
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(Version.parse("9.6")).isLessThan(Version.parse("10"));
        assertThat(Version.parse("8.0.36")).isGreaterThan(Version.parse("8.0.4"));
        assertThat(Version.parse("14").compareTo(Version.parse("14.0"))).isZero();
    }

    @Test
    void rejectsTextWithoutANumber() {
        assertThatThrownBy(() -> Version.parse("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void orderIsConsistentWithParts(@ForAll @IntRange(max = 99) int a, @ForAll @IntRange(max = 99) int b,
                                    @ForAll @IntRange(max = 99) int c, @ForAll @IntRange(max = 99) int d) {
        Version x = new Version(List.of(a, b), a + "." + b);
        Version y = new Version(List.of(c, d), c + "." + d);
        int expected = a != c ? Integer.compare(a, c) : Integer.compare(b, d);
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(expected));
        assertThat(Version.parse(x.toString())).isEqualByComparingTo(x);
    }

    @Property
    void neverThrowsAnythingButItsOwnError(@ForAll String text) {
        try {
            Version.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("invalid version");
        }
    }
}
