package dev.upgradecheck.engine.mysql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account as MySQL names it: user and host ({@code 'cdc'@'%'}). The host may be unknown when the user
 * gave only a name ({@code --cdc-user cdc}); such an account matches every host.
 */
public record MysqlAccount(String user, String host) {

    private static final Pattern QUOTED = Pattern.compile("^(['`\"])(.*)\\1$");

    /** {@code cdc}, {@code cdc@%}, {@code 'cdc'@'10.0.%'} or {@code `cdc`@`%`}, as users and the server write them. */
    public static MysqlAccount parse(String text) {
        if (text == null || text.isBlank() || text.length() > 300) {
            throw new IllegalArgumentException("invalid account name");
        }
        String s = text.trim();
        int at = lastAtOutsideQuotes(s);
        if (at < 0) {
            return new MysqlAccount(unquote(s), null);
        }
        return new MysqlAccount(unquote(s.substring(0, at)), unquote(s.substring(at + 1)));
    }

    private static int lastAtOutsideQuotes(String s) {
        char quote = 0;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '`' || c == '"') {
                quote = c;
            } else if (c == '@') {
                found = i;
            }
        }
        return found;
    }

    private static String unquote(String s) {
        Matcher m = QUOTED.matcher(s.trim());
        if (m.matches()) {
            String q = m.group(1);
            return m.group(2).replace(q + q, q);
        }
        return s.trim();
    }

    /** Whether a server-side grantee (always with a host) is this account. */
    public boolean matches(MysqlAccount grantee) {
        return user.equals(grantee.user)
                && (host == null || host.toLowerCase(Locale.ROOT).equals(grantee.host.toLowerCase(Locale.ROOT)));
    }

    /** The account as a statement needs it, each part a quoted string literal: {@code 'cdc'@'%'}. */
    public String quoted() {
        return literal(user) + "@" + literal(host == null ? "%" : host);
    }

    /** A string literal safe under any sql_mode: quotes doubled, backslashes escaped. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return host == null ? user : user + "@" + host;
    }
}
