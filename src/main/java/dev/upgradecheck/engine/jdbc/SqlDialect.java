package dev.upgradecheck.engine.jdbc;

import java.util.List;

/**
 * How one database spells what reconcile and canary send: identifier quoting, a key's text, byte-order
 * comparison, a 56-bit hash of text, row limits, table statistics. The defaults are ANSI SQL (what any JDBC
 * driver is asked for when we know nothing else about it); an engine overrides what its database spells
 * differently. Values are never part of the text: every method returns SQL with {@code ?} placeholders.
 */
public interface SqlDialect {

    /** Plain ANSI SQL, for a driver loaded with --driver-path: no hash function, so ranges compare by counts. */
    SqlDialect ANSI = () -> "ansi";

    /** A short name; two sides with the same name can compare whole rows as text, not only keys. */
    String name();

    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A string literal for statements we print (never for statements we send: those bind values). */
    default String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Whether JDBC metadata calls this database's schemas catalogs (MySQL and MariaDB do). */
    default boolean schemasAreCatalogs() {
        return false;
    }

    /**
     * A catalog query for one table's columns, a branch of the one statement that reads every table's (branches joined
     * by UNION ALL): per column its position in the table, its name, 1 when it holds whole numbers that fit in 64 bits
     * (else 0), and its position in the primary key (null when not in it). Its placeholders are the table's schema
     * (null: the session's default) and its name, in pairs ({@code schema, name, schema, name...}, as often as the
     * query needs them). Empty where the driver's metadata is read instead (its calls are generic, and slow on some
     * drivers).
     */
    default java.util.Optional<String> columnsQuery() {
        return java.util.Optional.empty();
    }

    /** A column's value as text, the same text on every database for integers, strings and UUIDs. */
    default String asText(String column) {
        return "CAST(" + column + " AS VARCHAR(4000))";
    }

    /** Text compared by its bytes (code point order), whatever the column's collation says. */
    default String byteOrder(String text) {
        return text;
    }

    /**
     * An unsigned 56-bit integer from the first 7 bytes of MD5 over the UTF-8 text: the same number on every
     * database that implements it, so sums of it can be compared across databases. Empty when unknown.
     */
    default java.util.Optional<String> hash56(String text) {
        return java.util.Optional.empty();
    }

    /**
     * A faster hash of the text to a 64-bit integer, only ever compared with the same database's own: used when
     * both sides are this kind of database. Empty when there is none.
     */
    default java.util.Optional<String> nativeHash(String text) {
        return java.util.Optional.empty();
    }

    /**
     * As {@link #nativeHash}, for a table keyed by one integer column: the key seeds the hash of the other columns'
     * text instead of being turned into text itself (cheaper). Empty where the database has no seeded hash.
     */
    default java.util.Optional<String> nativeHashSeeded(String text, String integerKey) {
        return java.util.Optional.empty();
    }

    /**
     * As {@link #nativeHashSeeded}, for a column of whole numbers that fit in 64 bits (on both sides): its value hashed
     * as an integer, seeded with the hash so far, without turning it into text (much cheaper); a null hashes as the
     * least 64-bit integer would. Empty where the database has no such hash.
     */
    default java.util.Optional<String> nativeIntegerHashSeeded(String integerColumn, String seed) {
        return java.util.Optional.empty();
    }

    /**
     * For a single integer key: its 0-based bucket among {@code thresholds} ascending values bound as {@code ?} (how
     * many of them are at or below it), in one expression. Empty where a CASE of comparisons has to spell it.
     */
    default java.util.Optional<String> integerBucket(String integerKey, int thresholds) {
        return java.util.Optional.empty();
    }

    /** The exact sum of 64-bit integers: widened first where a plain SUM would overflow. */
    default String exactSum(String expression) {
        return "SUM(CAST(" + expression + " AS DECIMAL(38,0)))";
    }

    /** Texts joined with a separator no key holds (U+001F); null parts already replaced. */
    default String joinTexts(List<String> texts) {
        return "(" + String.join(" || '\u001f' || ", texts) + ")";
    }

    /** A nullable column's text with null replaced by a marker (U+001E) no stored value is likely to equal. */
    default String nullMarked(String text) {
        return "COALESCE(" + text + ", '\u001e')";
    }

    /** {@code a % b} for a row number. */
    default String modulo(String dividend, String divisor) {
        return "MOD(" + dividend + ", " + divisor + ")";
    }

    /** The query limited to its first {@code ?} rows (the last placeholder binds the limit). */
    default String limited(String select) {
        return select + " FETCH FIRST ? ROWS ONLY";
    }

    /** A query with the table's row estimate from statistics (schema and table bound), or empty when unknown. */
    default java.util.Optional<String> estimateQuery() {
        return java.util.Optional.empty();
    }

    /** The canary table {@code canary} needs: its marker and the time it was written, nothing else. */
    default String createCanaryTable(String quotedTable) {
        return "CREATE TABLE " + quotedTable + " (marker VARCHAR(64) PRIMARY KEY, written_at TIMESTAMP NOT NULL)";
    }

    /** The one grant the canary needs, on that table alone. */
    default String grantCanary(String quotedTable, String user) {
        return "GRANT SELECT, INSERT, DELETE ON " + quotedTable + " TO " + quote(user);
    }
}
