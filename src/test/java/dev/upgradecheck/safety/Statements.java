package dev.upgradecheck.safety;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What counts as a read: the rule every statement the tool sends must satisfy. */
final class Statements {

    /** Functions that change server state even when called from a SELECT. */
    private static final List<String> WRITING_FUNCTIONS = List.of(
            "pg_create_", "pg_drop_", "pg_replication_slot_advance", "pg_logical_slot_get_", "pg_terminate_backend",
            "pg_cancel_backend", "pg_switch_wal", "pg_reload_conf", "pg_stat_reset", "pg_promote", "nextval(",
            "setval(", "lo_import", "lo_export", "pg_file_write", "dblink", "sp_configure", "sp_cdc_", "xp_cmdshell",
            "dbms_logmnr.start", "dbms_logmnr.add", "purge ", "flush ", "kill ");

    private static final Pattern WRITING_WORD = Pattern.compile(
            "\\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|DROP|CREATE|ALTER|GRANT|REVOKE|COPY|CALL|DO|EXEC|EXECUTE)\\b");

    private Statements() {
    }

    /**
     * A SELECT (or WITH ... SELECT, SHOW, VALUES, EXPLAIN-free), a session setting ({@code SET} of a session
     * variable, read-only transaction characteristics), or a transaction boundary; nothing that can write.
     */
    static boolean isRead(String statement) {
        // drivers prefix their own queries with a /* comment */ naming themselves
        String s = withoutLiterals(statement).strip().replaceAll("^(/\\*.*?\\*/\\s*)+", "");
        String upper = s.toUpperCase(Locale.ROOT);
        String lower = s.toLowerCase(Locale.ROOT);
        if (WRITING_FUNCTIONS.stream().anyMatch(lower::contains)) {
            return false;
        }
        if (upper.startsWith("SELECT") || upper.startsWith("SHOW") || upper.startsWith("VALUES")
                || upper.startsWith("WITH") || upper.startsWith("(SELECT")) {
            return !WRITING_WORD.matcher(upper).find() || onlyReadOnlyWords(upper);
        }
        if (upper.startsWith("SET ")) {
            // session settings only: never a read-write transaction, never a global/persisted setting
            return !upper.contains("READ WRITE") && !upper.startsWith("SET GLOBAL") && !upper.startsWith("SET PERSIST")
                    && !upper.startsWith("SET PASSWORD");
        }
        return upper.equals("BEGIN") || upper.equals("COMMIT") || upper.equals("ROLLBACK")
                || upper.startsWith("START TRANSACTION READ ONLY") || upper.equals("SET TRANSACTION READ ONLY");
    }

    /** Catalog column names that happen to be keywords (e.g. "delete" privileges) are fine in a SELECT list. */
    private static boolean onlyReadOnlyWords(String upper) {
        return !Pattern.compile("\\b(INSERT\\s+INTO|UPDATE\\s+\\S+\\s+SET|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE\\s+"
                + "|DROP\\s+(TABLE|INDEX|VIEW|SCHEMA|DATABASE|PUBLICATION|ROLE|USER)|CREATE\\s+|ALTER\\s+|GRANT\\s+\\w+\\s+"
                + "(ON|TO)|REVOKE\\s+|COPY\\s+|CALL\\s+|DO\\s+\\$)").matcher(upper).find();
    }

    /** The statement with its string literals and quoted identifiers emptied (their text is data, not SQL). */
    static String withoutLiterals(String sql) {
        return withoutLiterals(sql, false);
    }

    /**
     * As {@link #withoutLiterals(String)}; with {@code backslashEscapes} (MySQL's default SQL mode) a backslash
     * escapes the next character inside a literal, and backticks quote identifiers.
     */
    static String withoutLiterals(String sql, boolean backslashEscapes) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote == 0) {
                if (c == '\'' || c == '"' || (backslashEscapes && c == '`')) {
                    quote = c;
                }
                out.append(c);
            } else if (backslashEscapes && c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    quote = 0;
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
