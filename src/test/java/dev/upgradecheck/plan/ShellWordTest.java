package dev.upgradecheck.plan;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShellWordTest {

    @Test
    void leavesPlainWordsAloneAndQuotesTheRest() {
        assertThat(ShellWord.quote("dbo.orders,dbo.items")).isEqualTo("dbo.orders,dbo.items");
        assertThat(ShellWord.quote("[dbo].[Order Lines]")).isEqualTo("'[dbo].[Order Lines]'");
        assertThat(ShellWord.quote("x'; rm -rf ~")).isEqualTo("'x'\\''; rm -rf ~'");
    }

    /** What sh does with a quoted word: one argument, the original text. */
    @Property
    void aQuotedWordReadsBackAsTheSameSingleArgument(@ForAll String word) {
        if (word.isEmpty() || word.indexOf('\0') >= 0) {
            return;
        }
        assertThat(shellSplit(ShellWord.quote(word))).containsExactly(word);
    }

    /** A minimal POSIX word splitter for single quotes and plain characters (all ShellWord emits). */
    private static List<String> shellSplit(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean started = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '\'') {
                    inQuotes = false;
                } else {
                    current.append(c);
                }
            } else if (c == '\'') {
                inQuotes = true;
                started = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                started = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (started) {
                    words.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (started) {
            words.add(current.toString());
        }
        return words;
    }
}
