package dev.upgradecheck.safety;

import java.util.ArrayList;
import java.util.List;

/** The quoted tokens of a statement, unquoted: '...' and "..." (doubling), `...` and [...] (MySQL, SQL Server). */
final class Quoted {

    private Quoted() {
    }

    static List<String> tokens(String sql, boolean backslashEscapes) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char open = sql.charAt(i);
            char close = switch (open) {
                case '\'', '"', '`' -> open;
                case '[' -> ']';
                default -> 0;
            };
            if (close == 0) {
                i++;
                continue;
            }
            StringBuilder token = new StringBuilder();
            int j = i + 1;
            while (j < sql.length()) {
                char c = sql.charAt(j);
                if (backslashEscapes && c == '\\' && open == '\'' && j + 1 < sql.length()) {
                    token.append(sql.charAt(j + 1));
                    j += 2;
                } else if (c == close && j + 1 < sql.length() && sql.charAt(j + 1) == close) {
                    token.append(close);
                    j += 2;
                } else if (c == close) {
                    break;
                } else {
                    token.append(c);
                    j++;
                }
            }
            tokens.add(token.toString());
            i = j + 1;
        }
        return tokens;
    }
}
