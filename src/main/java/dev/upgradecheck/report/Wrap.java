package dev.upgradecheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Prose wrapped to fit a terminal: words moved to the next line, never cut (a long URL or identifier
 * stays whole and overhangs). Statements are never wrapped: a shell line broken in two is two commands.
 */
final class Wrap {

    /** The width the text outputs fit. */
    static final int COLUMNS = 100;

    private Wrap() {
    }

    /**
     * Appends the text's lines (its own newlines kept), the first after {@code first}, every other after
     * {@code indent}, each within {@link #COLUMNS} where words allow.
     */
    static void append(StringBuilder out, String first, String indent, String text) {
        String lead = first;
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder(lead);
            int start = line.length();
            for (String word : words(paragraph)) {
                if (line.length() > start && line.length() + 1 + word.length() > COLUMNS) {
                    out.append(line).append('\n');
                    line.setLength(0);
                    line.append(indent);
                    start = line.length();
                }
                if (line.length() > start) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.append(line).append('\n');
            lead = indent;
        }
    }

    /**
     * The paragraph's words, a single-quoted literal kept as one ({@code 'pgoutput, test_decoding'}): a value
     * broken across lines could not be copied as it stands. An apostrophe inside a word opens nothing.
     */
    static List<String> words(String paragraph) {
        List<String> words = new ArrayList<>();
        StringBuilder literal = null;
        for (String word : paragraph.split(" ")) {
            if (literal != null) {
                literal.append(' ').append(word);
                if (word.indexOf('\'') >= 0) {
                    words.add(literal.toString());
                    literal = null;
                }
            } else if (word.startsWith("'") && word.indexOf('\'', 1) < 0) {
                literal = new StringBuilder(word);
            } else {
                words.add(word);
            }
        }
        if (literal != null) {
            words.add(literal.toString());
        }
        return words;
    }
}
