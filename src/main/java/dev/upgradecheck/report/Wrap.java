package dev.upgradecheck.report;

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
            for (String word : paragraph.split(" ")) {
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
}
