package dev.upgradecheck.engine.postgres;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LsnTest {

    @Test
    void parsesTheServersNotation() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16B374D848L);
        assertThat(lsn.toString()).isEqualTo("16/B374D848");
        assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.ZERO);
    }

    @Test
    void rejectsWhatIsNotAnLsn() {
        for (String bad : new String[] {"", "16", "16/", "/1", "G/1", "123456789/1", "1/2/3", "16 / 1"}) {
            assertThatThrownBy(() -> Lsn.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void printingThenParsingGivesTheSameLsn(@ForAll long value) {
        Lsn lsn = new Lsn(value);
        assertThat(Lsn.parse(lsn.toString())).isEqualTo(lsn);
    }

    @Property
    void comparesUnsignedLikeTheServer(@ForAll long a, @ForAll long b) {
        assertThat(Integer.signum(new Lsn(a).compareTo(new Lsn(b)))).isEqualTo(Integer.signum(Long.compareUnsigned(a, b)));
    }

    @Property
    void diffIsWhatYouAddToGetThere(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long start,
                                    @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long bytes) {
        Lsn from = new Lsn(start);
        Lsn to = new Lsn(start + bytes);
        assertThat(to.minus(from)).isEqualTo(bytes);
        assertThat(from.minus(to)).isEqualTo(-bytes);
        assertThat(to.isBefore(from)).isFalse();
        assertThat(bytes == 0 || to.isAfter(from)).isTrue();
    }
}
