package dev.upgradecheck.engine.sqlserver;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LsnTest {

    @Provide
    Arbitrary<byte[]> lsnBytes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Lsn.LENGTH);
    }

    @Property
    void printsAsHexAndParsesBack(@ForAll("lsnBytes") byte[] bytes) {
        Lsn lsn = new Lsn(bytes);

        assertThat(lsn.toString()).matches("0x[0-9A-F]{20}");
        assertThat(Lsn.parse(lsn.toString())).isEqualTo(lsn);
        assertThat(Lsn.parse(lsn.toString().toLowerCase().substring(2))).isEqualTo(lsn);
    }

    @Property
    void ordersAsUnsignedBigEndianNumbers(@ForAll("lsnBytes") byte[] a, @ForAll("lsnBytes") byte[] b) {
        int expected = new BigInteger(1, a).compareTo(new BigInteger(1, b));

        assertThat(Integer.signum(new Lsn(a).compareTo(new Lsn(b)))).isEqualTo(Integer.signum(expected));
        assertThat(new Lsn(a).isAfter(new Lsn(b))).isEqualTo(expected > 0);
    }

    @Property
    void isImmutable(@ForAll("lsnBytes") byte[] bytes) {
        Lsn lsn = new Lsn(bytes);
        String before = lsn.toString();
        bytes[0]++;
        lsn.bytes()[1]++;

        assertThat(lsn.toString()).isEqualTo(before);
    }

    @Property
    void rejectsAnythingButTwentyHexDigits(@ForAll @StringLength(max = 30) String text) {
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        boolean valid = hex.length() == 20 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
        if (!valid) {
            assertThatThrownBy(() -> Lsn.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void binaryColumnValuesBecomeLsnsAndNullStaysNull(@ForAll("lsnBytes") byte[] bytes) {
        assertThat(Lsn.ofNullable(bytes)).isEqualTo(new Lsn(bytes));
        assertThat(Lsn.ofNullable(null)).isNull();
    }
}
