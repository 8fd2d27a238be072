package dev.upgradecheck.reconcile;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.jdbc.SqlDialect;
import dev.upgradecheck.value.UserText;

import java.util.regex.Pattern;

/**
 * A table as {@code schema.table} (or a bare {@code table} in the session's default schema). Each part must be
 * a plain identifier: names from the command line reach SQL quoted, and refusing anything else keeps a
 * pasted {@code orders; DROP TABLE x} a clear usage error instead of a strange name.
 */
public record TableName(String schema, String name) {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]{0,127}");

    public static TableName parse(String text, String option) {
        String trimmed = text == null ? "" : text.trim();
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length > 2 || java.util.Arrays.stream(parts).anyMatch(p -> !IDENTIFIER.matcher(p).matches())) {
            throw new BadInputException(option + ": '" + UserText.shown(trimmed, 80) + "' is not a table name: write "
                    + "schema.table with letters, digits, _ and $ (up to 128 each)");
        }
        return parts.length == 2 ? new TableName(parts[0], parts[1]) : new TableName(null, parts[0]);
    }

    /** The name quoted for this database: every part in its identifier quotes. */
    public String quoted(SqlDialect dialect) {
        return (schema == null ? "" : dialect.quote(schema) + ".") + dialect.quote(name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
