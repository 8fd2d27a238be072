package dev.upgradecheck.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSizeTest {

    @Test
    void parsesUnitsAsPostgresDoes() {
        assertThat(DataSize.parse("0").bytes()).isZero();
        assertThat(DataSize.parse("512").bytes()).isEqualTo(512);
        assertThat(DataSize.parse("64kB").bytes()).isEqualTo(64 * 1024);
        assertThat(DataSize.parse("16MB").bytes()).isEqualTo(16L << 20);
        assertThat(DataSize.parse("1GiB").bytes()).isEqualTo(1L << 30);
        assertThat(DataSize.parse("2TB").bytes()).isEqualTo(2L << 40);
    }

    @Test
    void rejectsMalformedAndOverflowingSizes() {
        for (String bad : new String[] {"", "MB", "-1", "1.5GB", "1PB", "999999999999999TB"}) {
            assertThatThrownBy(() -> DataSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void printedFormParsesBack(@ForAll @LongRange(min = 0, max = 1L << 50) long bytes) {
        DataSize size = new DataSize(bytes);
        String printed = size.toString();
        if (printed.endsWith(" bytes")) {
            printed = printed.substring(0, printed.length() - " bytes".length());
        }
        assertThat(DataSize.parse(printed)).isEqualTo(size);
    }

    @Property
    void neverThrowsAnythingButItsOwnError(@ForAll String text) {
        try {
            DataSize.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("invalid size");
        }
    }
}
