package dev.upgradecheck.reconcile;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.value.UserText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --dest-filter}: which destination rows count (e.g. {@code __deleted = 'false'}, to leave out rows a
 * sink keeps for deletes). A small grammar, never SQL text: {@code column op literal} or {@code column IS [NOT]
 * NULL}, joined by AND or OR; columns are checked against the table and quoted, literals are bound.
 */
public final class RowFilter {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<str>'(?:[^']|'')*')|(?<num>-?\\d+(?:\\.\\d+)?)|(?<op><>|!=|<=|>=|=|<|>)"
                    + "|(?<word>[\\p{L}_][\\p{L}\\p{N}_$]*)|(?<quoted>\"(?:[^\"]|\"\")+\"))");
    private static final int MAX_LENGTH = 1000;

    private record Condition(String joiner, String column, String operator, Object value) {
    }

    /** The expression and where it came from, as messages name it. */
    private record Input(String given, String text) {
    }

    private final String given;
    private final List<Condition> conditions;

    private RowFilter(String given, List<Condition> conditions) {
        this.given = given;
        this.conditions = conditions;
    }

    /**
     * Parses the expression; anything outside the grammar is bad input naming where it stopped.
     *
     * @param given where it came from: {@code --dest-filter}, or an inventory's {@code destFilter}
     */
    public static Optional<RowFilter> parse(String text, String given) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.length() > MAX_LENGTH) {
            throw new BadInputException(given + " is longer than " + MAX_LENGTH + " characters");
        }
        Input in = new Input(given, text);
        List<String> tokens = tokens(in);
        List<Condition> conditions = new ArrayList<>();
        int i = 0;
        String joiner = null;
        while (true) {
            String column = column(tokens, i++, in);
            String operator;
            Object value = null;
            if (i < tokens.size() && tokens.get(i).equalsIgnoreCase("IS")) {
                boolean not = i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("NOT");
                i += not ? 2 : 1;
                if (i >= tokens.size() || !tokens.get(i).equalsIgnoreCase("NULL")) {
                    throw bad(in, "IS must be followed by NULL or NOT NULL");
                }
                i++;
                operator = not ? "IS NOT NULL" : "IS NULL";
            } else {
                operator = i < tokens.size() ? tokens.get(i++) : "";
                if (!Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(operator)) {
                    throw bad(in, "expected a comparison (=, <>, <, <=, >, >=) or IS [NOT] NULL after " + column);
                }
                operator = operator.equals("!=") ? "<>" : operator;
                value = literal(tokens, i++, in);
            }
            conditions.add(new Condition(joiner, column, operator, value));
            if (i == tokens.size()) {
                return Optional.of(new RowFilter(given, List.copyOf(conditions)));
            }
            joiner = tokens.get(i++).toUpperCase(Locale.ROOT);
            if (!joiner.equals("AND") && !joiner.equals("OR")) {
                throw bad(in, "expected AND or OR between conditions");
            }
        }
    }

    /** The condition for this table: every column must be one of its columns (matched ignoring case). */
    SqlPredicate predicate(SqlDialect dialect, List<String> tableColumns, String table) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Condition c : conditions) {
            String actual = tableColumns.stream().filter(n -> n.equalsIgnoreCase(c.column())).findFirst()
                    .orElseThrow(() -> new BadInputException(given + ": the destination table " + table
                            + " has no column " + UserText.shown(c.column(), 80)));
            if (c.joiner() != null) {
                sql.append(' ').append(c.joiner()).append(' ');
            }
            sql.append(dialect.quote(actual)).append(' ').append(c.operator());
            if (c.value() != null) {
                sql.append(" ?");
                params.add(c.value());
            }
        }
        return new SqlPredicate(sql.toString(), params);
    }

    private static List<String> tokens(Input in) {
        String text = in.text();
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw bad(in, "unexpected text at character " + (at + 1) + ": '"
                        + UserText.shown(text.substring(at).trim(), 20) + "'");
            }
            tokens.add(m.group().trim());
            at = m.end();
        }
        return tokens;
    }

    private static String column(List<String> tokens, int i, Input in) {
        String t = i < tokens.size() ? tokens.get(i) : "";
        if (t.startsWith("\"")) {
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        if (t.isEmpty() || !Character.isLetter(t.charAt(0)) && t.charAt(0) != '_'
                || Set.of("AND", "OR", "IS", "NOT", "NULL").contains(t.toUpperCase(Locale.ROOT))) {
            throw bad(in, "expected a column name" + (t.isEmpty() ? " at the end" : ", found '" + t + "'"));
        }
        return t;
    }

    private static Object literal(List<String> tokens, int i, Input in) {
        String t = i < tokens.size() ? tokens.get(i) : "";
        if (t.startsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-')) {
            return new BigDecimal(t);
        }
        if (t.equalsIgnoreCase("TRUE") || t.equalsIgnoreCase("FALSE")) {
            return Boolean.parseBoolean(t);
        }
        throw bad(in, "expected a value ('text', a number, TRUE or FALSE)" + (t.isEmpty() ? " at the end" : ", found '"
                + UserText.shown(t, 20) + "'"));
    }

    private static BadInputException bad(Input in, String why) {
        return new BadInputException(in.given() + " '" + UserText.shown(in.text(), 80) + "': " + why);
    }
}
