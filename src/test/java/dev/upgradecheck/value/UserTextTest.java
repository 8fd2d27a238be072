package dev.upgradecheck.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UserTextTest {

    @Test
    void escapesLineBreaksAndCutsLongInput() {
        assertThat(UserText.shown("a\nb\rc\td", 40)).isEqualTo("a\\nb\\rc\\td");
        assertThat(UserText.shown("x\u2028y\u0000", 40)).isEqualTo("x\\u2028y\\u0000");
        assertThat(UserText.shown("abcdef", 3)).isEqualTo("abc...");
        assertThat(UserText.shown(null, 3)).isEqualTo("(none)");
    }

    @Property
    void alwaysOneLine(@ForAll String input) {
        assertThat(UserText.shown(input, 80).lines().count()).isLessThanOrEqualTo(1);
    }
}
