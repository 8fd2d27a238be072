package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.util.Optional;

/** PostgreSQL's spelling of what reconcile and canary send. */
final class PostgresDialect implements SqlDialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    @Override
    public String name() {
        return "postgresql";
    }

    /**
     * pgjdbc's metadata sends two large catalog queries (plus {@code current_catalog}) where one small one does. The
     * primary key's positions are read from {@code indkey} up to {@code indnkeyatts} (PostgreSQL 11+; the INCLUDE
     * columns follow them), read through {@code row_to_json} so that older servers, which lack the column and have no
     * INCLUDE, run the same text. Integers: int2, int4, int8 (or a domain over one), and numeric with scale 0 and at
     * most 18 digits.
     */
    @Override
    public Optional<String> columnsQuery() {
        return Optional.of("""
                SELECT a.attnum, a.attname,
                       CASE WHEN COALESCE(NULLIF(t.typbasetype, 0), t.oid)
                                 IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
                              OR (a.atttypid = 'numeric'::regtype AND a.atttypmod >= 4
                                  AND (a.atttypmod - 4) & 65535 = 0 AND (a.atttypmod - 4) >> 16 <= 18)
                            THEN 1 ELSE 0 END,
                       (SELECT p.i + 1
                          FROM generate_series(0, COALESCE((row_to_json(k) ->> 'indnkeyatts')::int, k.indnatts) - 1) p(i)
                         WHERE k.indkey[p.i] = a.attnum)
                  FROM pg_catalog.pg_attribute a
                  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                  LEFT JOIN pg_catalog.pg_index k ON k.indrelid = c.oid AND k.indisprimary
                 WHERE n.nspname = COALESCE(?, current_schema()) AND c.relname = ?
                   AND c.relkind IN ('r', 'p', 'v', 'f', 'm') AND a.attnum > 0 AND NOT a.attisdropped""");
    }

    @Override
    public String asText(String column) {
        return "CAST(" + column + " AS text)";
    }

    /** "C" compares bytes, which for UTF-8 is code point order: what MySQL's BINARY and SQL Server's BIN2 do. */
    @Override
    public String byteOrder(String text) {
        return "(" + text + " COLLATE \"C\")";
    }

    @Override
    public Optional<String> hash56(String text) {
        return Optional.of("('x' || substr(md5(" + text + "), 1, 14))::bit(56)::bigint");
    }

    /** PostgreSQL 11+; about twice as fast as md5 with its casts. */
    @Override
    public Optional<String> nativeHash(String text) {
        return Optional.of("hashtextextended(" + text + ", 0)");
    }

    @Override
    public Optional<String> nativeHashSeeded(String text, String integerKey) {
        return Optional.of("hashtextextended(" + text + ", CAST(" + integerKey + " AS bigint))");
    }

    /** About twice as fast per column as its text through hashtextextended. */
    @Override
    public Optional<String> nativeIntegerHashSeeded(String integerColumn, String seed) {
        return Optional.of("hashint8extended(COALESCE(CAST(" + integerColumn + " AS bigint), "
                + "CAST(-9223372036854775808 AS bigint)), " + seed + ")");
    }

    /** A binary search over the thresholds, where a CASE tries them one by one. */
    @Override
    public Optional<String> integerBucket(String integerKey, int thresholds) {
        return Optional.of("width_bucket(CAST(" + integerKey + " AS bigint), CAST(ARRAY["
                + String.join(", ", java.util.Collections.nCopies(thresholds, "?")) + "] AS bigint[]))");
    }

    /** SUM over bigint is numeric here, exact: a cast of every row first only costs time. */
    @Override
    public String exactSum(String expression) {
        return "SUM(" + expression + ")";
    }

    @Override
    public String limited(String select) {
        return select + " LIMIT ?";
    }

    @Override
    public Optional<String> estimateQuery() {
        return Optional.of("SELECT GREATEST(c.reltuples, 0)::bigint AS estimate FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?");
    }

    @Override
    public String createCanaryTable(String quotedTable) {
        return "CREATE TABLE " + quotedTable + " (marker varchar(64) PRIMARY KEY, written_at timestamptz NOT NULL)";
    }
}
