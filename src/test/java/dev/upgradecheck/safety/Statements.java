package dev.upgradecheck.safety;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What counts as a read, per engine: an allow-list of exactly the statement shapes upgrade-check's sessions send
 * (read from each engine's session setup and catalog queries). A SELECT (or WITH ... SELECT) is one statement that
 * neither stores its rows (INTO), locks them (FOR UPDATE/SHARE) nor calls a function that changes server state; any
 * other statement must be one of the engine's session settings or reads listed here, whole.
 */
final class Statements {

    static final Statements POSTGRES = new Statements(false,
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
            "SET statement_timeout = \\d+",
            "BEGIN", "COMMIT", "ROLLBACK");

    /** MySQL and MariaDB; Connector/J's own session set-up included. */
    static final Statements MYSQL = new Statements(true,
            "SET SESSION TRANSACTION READ ONLY",
            "SET autocommit=1",
            "SET character_set_results = NULL",
            "SHOW GLOBAL VARIABLES",
            "SHOW (BINLOG|MASTER|BINARY LOG) STATUS",
            "SHOW BINARY LOGS",
            "SHOW BINLOG EVENTS IN '' FROM \\d+ LIMIT \\d+",
            "CALL mysql\\.rds_show_configuration"); // RDS's read-only procedure: its binlog retention

    static final Statements ORACLE = new Statements(false, "SET TRANSACTION READ ONLY");

    static final Statements SQLSERVER = new Statements(false);

    /** Functions that change server state even when called from a SELECT. */
    private static final List<String> WRITING_FUNCTIONS = List.of(
            "pg_create_", "pg_drop_", "pg_replication_slot_advance", "pg_logical_slot_get_", "pg_terminate_backend",
            "pg_cancel_backend", "pg_switch_wal", "pg_reload_conf", "pg_stat_reset", "pg_promote", "nextval(",
            "setval(", "lo_import", "lo_export", "pg_file_write", "dblink", "sp_configure", "sp_cdc_", "xp_cmdshell",
            "dbms_logmnr.start", "dbms_logmnr.add", "purge ", "flush ", "kill ", "get_lock(", "sleep(");

    /** Statements that write, wherever they appear in a query (a data-modifying WITH, a second statement). */
    private static final Pattern WRITING_WORD = Pattern.compile(
            "\\b(INSERT|UPDATE|DELETE|MERGE|REPLACE\\s+INTO|TRUNCATE|DROP|CREATE|ALTER|GRANT|REVOKE|COPY|CALL|DO"
                    + "|EXEC|EXECUTE|LOAD|HANDLER|LOCK|UNLOCK|SET)\\b");

    /** A SELECT that stores or locks what it reads. */
    private static final Pattern INTO_OR_LOCK = Pattern.compile(
            "\\bINTO\\b|\\bFOR\\s+(UPDATE|SHARE|NO\\s+KEY\\s+UPDATE|KEY\\s+SHARE)\\b|\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b");

    /** MySQL's lexis: a backslash escapes inside literals, backticks quote identifiers, # starts a comment. */
    private final boolean backslashEscapes;
    private final List<Pattern> others;

    private Statements(boolean backslashEscapes, String... others) {
        this.backslashEscapes = backslashEscapes;
        this.others = java.util.Arrays.stream(others).map(Pattern::compile).toList();
    }

    /** Whether the statement is a read or an allowed session setting of this engine. */
    boolean isRead(String statement) {
        // drivers prefix their own queries with a /* comment */ naming themselves; a trailing ; ends the one statement
        String s = withoutLiterals(statement, backslashEscapes).strip().replaceAll("^(/\\*.*?\\*/\\s*)+", "")
                .replaceAll("\\s+", " ").replaceAll("\\s*;$", "");
        if (s.contains(";") || s.contains("/*") || s.contains("--") || (backslashEscapes && s.contains("#"))) {
            return false; // a second statement, or a comment that could hide one
        }
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SELECT ") || upper.startsWith("WITH ") || upper.startsWith("(SELECT ")) {
            String lower = s.toLowerCase(Locale.ROOT);
            return WRITING_FUNCTIONS.stream().noneMatch(lower::contains) && !WRITING_WORD.matcher(upper).find()
                    && !INTO_OR_LOCK.matcher(upper).find();
        }
        return others.stream().anyMatch(p -> p.matcher(s).matches());
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
