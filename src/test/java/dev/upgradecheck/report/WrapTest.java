package dev.upgradecheck.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WrapTest {

    @Test
    void aQuotedValueIsNeverBrokenAcrossLines() {
        StringBuilder out = new StringBuilder();
        String text = "x".repeat(70) + " set output_plugin_libraries = 'pgoutput, test_decoding, wal2json' and reload";

        Wrap.append(out, "Note: ", "      ", text);

        assertThat(out.toString()).contains("'pgoutput, test_decoding, wal2json'");
        assertThat(out.toString().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Wrap.COLUMNS));
    }

    @Test
    void anApostropheInsideAWordOpensNoLiteral() {
        assertThat(Wrap.words("the connector's offset 'a b' stays")).containsExactly("the", "connector's", "offset",
                "'a b'", "stays");
    }
}
