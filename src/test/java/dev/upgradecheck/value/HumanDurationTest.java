package dev.upgradecheck.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HumanDurationTest {

    @Test
    void parsesTheContractForms() {
        assertThat(HumanDuration.parse("500ms").duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDuration.parse("5s").duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(HumanDuration.parse("2m").duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(HumanDuration.parse("2h").duration()).isEqualTo(Duration.ofHours(2));
        assertThat(HumanDuration.parse("1h30m").duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(HumanDuration.parse("1d").duration()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2", "h", "2x", "-5s", "1.5h", "2h 3m", "99999999999h", "1h1"})
    void rejectsAnythingElseWithItsOwnError(String text) {
        assertThatThrownBy(() -> HumanDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trimsSurroundingBlanksATypistLeft() {
        assertThat(HumanDuration.parse(" 5s ").duration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Property
    void printsAFormThatParsesBackToTheSameDuration(@ForAll @LongRange(min = 0, max = 315_360_000_000L) long millis) {
        HumanDuration d = HumanDuration.of(Duration.ofMillis(millis));
        assertThat(HumanDuration.parse(d.toString())).isEqualTo(d);
    }

    @Property
    void neverThrowsAnythingButItsOwnError(@ForAll String text) {
        try {
            HumanDuration.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
