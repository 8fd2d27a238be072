package dev.upgradecheck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A runbook statement broken into lines that fit, only where a break changes nothing: at a space outside quotes,
 * a shell line continued by a backslash, SQL simply going on (it reads a newline as a space); inside a comment the
 * next line is a comment too. A statement whose quoting cannot be read for sure stays whole and overhangs: a
 * backslash inside SQL quotes (its meaning depends on the dialect), a quote left open, a block comment, and
 * mongosh's JavaScript (where a newline may end a statement).
 */
final class StatementWrap {

    private StatementWrap() {
    }

    /** One word of a line, the spaces before it, and whether it starts inside a comment the line began earlier. */
    private record Word(String space, String text, boolean inComment) {
    }

    static List<String> lines(String statement, String language, int width) {
        List<String> original = statement.lines().toList();
        boolean shell = language.equals("sh");
        if (!shell && !language.equals("sql")) {
            return original;
        }
        List<List<Word>> words = split(original, shell);
        if (words == null) {
            return original;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            String line = original.get(i);
            String lead = line.substring(0, line.length() - line.stripLeading().length());
            fill(words.get(i), lead, shell, width, out);
        }
        return out;
    }

    /** SQL words a line reads best starting with. */
    private static final java.util.Set<String> CLAUSES = java.util.Set.of("FROM", "WHERE", "AND", "OR", "JOIN",
            "ON", "VALUES", "SET", "GROUP", "ORDER", "HAVING", "USING");

    /**
     * Fills lines greedily, but moves the last words of a full line down when that lets the next line start
     * where it reads best: at an option ({@code --new-datadir DIR} stays together) or at an SQL clause.
     */
    private static void fill(List<Word> words, String lead, boolean shell, int width, List<String> out) {
        String indent = lead + (shell ? "    " : "  ");
        List<Word> line = new ArrayList<>();
        String prefix = lead;
        for (int w = 0; w < words.size(); w++) {
            Word word = words.get(w);
            // room for " \" on a shell line that may yet be continued
            int reserve = shell && w < words.size() - 1 ? 2 : 0;
            if (!line.isEmpty() && text(prefix, line).length() + word.space().length() + word.text().length()
                    + reserve > width) {
                int cut = line.size();
                for (int k = line.size() - 1; k > line.size() / 2; k--) {
                    if (readsBestFirst(line.get(k), shell) && text(indent, line.subList(k, line.size())).length()
                            + word.space().length() + word.text().length() + reserve <= width) {
                        cut = k;
                        break;
                    }
                }
                List<Word> rest = new ArrayList<>(line.subList(cut, line.size()));
                Word next = rest.isEmpty() ? word : rest.get(0);
                out.add(text(prefix, line.subList(0, cut)) + (shell && !next.inComment() ? " \\" : ""));
                prefix = indent + (next.inComment() ? (shell ? "# " : "-- ") : "");
                line = rest;
            }
            line.add(word);
        }
        out.add(text(prefix, line));
    }

    private static boolean readsBestFirst(Word word, boolean shell) {
        return !word.inComment() && (shell ? word.text().startsWith("-") : CLAUSES.contains(word.text()));
    }

    private static String text(String prefix, List<Word> line) {
        StringBuilder text = new StringBuilder(prefix);
        for (int i = 0; i < line.size(); i++) {
            text.append(i == 0 ? "" : line.get(i).space()).append(line.get(i).text());
        }
        return text.toString();
    }

    /** Each line's words, split at the spaces outside quotes; null when the quoting cannot be read for sure. */
    private static List<List<Word>> split(List<String> lines, boolean shell) {
        char quote = 0;
        List<List<Word>> result = new ArrayList<>();
        for (String line : lines) {
            if (quote != 0) {
                return null;  // a quote across lines: its leading spaces are part of the value
            }
            List<Word> words = new ArrayList<>();
            boolean comment = false;
            boolean wordStartsInComment = false;
            StringBuilder space = new StringBuilder();
            StringBuilder text = new StringBuilder();
            String body = line.stripLeading();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (quote == 0 && !comment && c == ' ' || comment && c == ' ') {
                    if (!text.isEmpty()) {
                        words.add(new Word(space.toString(), text.toString(), wordStartsInComment));
                        space.setLength(0);
                        text.setLength(0);
                    }
                    space.append(c);
                    continue;
                }
                if (text.isEmpty()) {
                    wordStartsInComment = comment;
                }
                text.append(c);
                if (comment) {
                    continue;
                }
                if (quote != 0) {
                    if (c == '\\') {
                        if (!shell) {
                            return null;
                        }
                        if (quote == '"' && i + 1 < body.length()) {
                            text.append(body.charAt(++i));
                        }
                    } else if (c == closing(quote)) {
                        quote = 0;
                    }
                } else if (shell && c == '\\' && i + 1 < body.length()) {
                    text.append(body.charAt(++i));
                } else if (opens(c, shell)) {
                    quote = c;
                } else if (shell ? c == '#' && text.length() == 1 : body.startsWith("--", i)) {
                    comment = true;
                } else if (!shell && body.startsWith("/*", i)) {
                    return null;
                }
            }
            if (!text.isEmpty()) {
                words.add(new Word(space.toString(), text.toString(), wordStartsInComment));
            }
            result.add(words);
        }
        return quote == 0 ? result : null;
    }

    private static boolean opens(char c, boolean shell) {
        return c == '\'' || c == '"' || c == '`' || !shell && c == '[';
    }

    private static char closing(char quote) {
        return quote == '[' ? ']' : quote;
    }
}
