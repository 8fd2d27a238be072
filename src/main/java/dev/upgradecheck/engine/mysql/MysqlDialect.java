package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.util.List;
import java.util.Optional;

/** MySQL's and MariaDB's spelling of what reconcile and canary send. */
final class MysqlDialect implements SqlDialect {

    static final MysqlDialect INSTANCE = new MysqlDialect();

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String quote(String identifier) {
        return MysqlIdentifiers.quote(identifier);
    }

    /** Backslash escapes too, as the default sql_mode reads them. */
    @Override
    public String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public boolean schemasAreCatalogs() {
        return true;
    }

    /**
     * One branch where Connector/J's metadata sends two statements per table. The schema and name are bound where
     * each information_schema table is read: compared with constants, MariaDB opens only that table's definition
     * (compared with another table's columns, or in an OR or IN, it opens every table of the server), and MySQL 8
     * compares its information_schema collation with a bound value without complaint. Integers: the integer types but
     * BIGINT UNSIGNED (past 64 bits) and TINYINT(1) (the driver reads it as a boolean), and DECIMAL with scale 0 and
     * at most 18 digits. Every column is named, so the derived table around it has plain column names on any version.
     */
    @Override
    public Optional<String> columnsQuery() {
        return Optional.of("""
                SELECT c.ORDINAL_POSITION, c.COLUMN_NAME,
                       CASE WHEN (c.DATA_TYPE IN ('tinyint', 'smallint', 'mediumint', 'int', 'bigint')
                                  AND c.COLUMN_TYPE NOT LIKE 'bigint%unsigned%' AND c.COLUMN_TYPE NOT LIKE 'tinyint(1)%')
                              OR (c.DATA_TYPE = 'decimal' AND c.NUMERIC_SCALE = 0 AND c.NUMERIC_PRECISION <= 18)
                            THEN 1 ELSE 0 END AS uc_integer,
                       (SELECT k.SEQ_IN_INDEX FROM information_schema.STATISTICS k
                         WHERE k.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND k.TABLE_NAME = ?
                           AND k.INDEX_NAME = 'PRIMARY' AND k.COLUMN_NAME = c.COLUMN_NAME) AS uc_key
                  FROM information_schema.COLUMNS c
                 WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND c.TABLE_NAME = ?""");
    }

    /** UTF-8 whatever the column's character set, so MD5 hashes the bytes PostgreSQL hashes. */
    @Override
    public String asText(String column) {
        return "CONVERT(" + column + " USING utf8mb4)";
    }

    @Override
    public String byteOrder(String text) {
        return "CAST(" + text + " AS BINARY)";
    }

    @Override
    public Optional<String> hash56(String text) {
        return Optional.of("CAST(CONV(SUBSTRING(MD5(" + text + "), 1, 14), 16, 10) AS UNSIGNED)");
    }

    @Override
    public Optional<String> nativeHash(String text) {
        return Optional.of("CRC32(" + text + ")");
    }

    /** INTERVAL() finds the bucket by a binary search over the ascending thresholds, where a CASE tries each. */
    @Override
    public Optional<String> integerBucket(String integerKey, int thresholds) {
        return Optional.of("INTERVAL(" + integerKey + ", " + String.join(", ", java.util.Collections.nCopies(thresholds,
                "?")) + ")");
    }

    /** {@code ||} is OR unless PIPES_AS_CONCAT is set. */
    @Override
    public String joinTexts(List<String> texts) {
        return "CONCAT(" + String.join(", '\u001f', ", texts) + ")";
    }

    @Override
    public String limited(String select) {
        return select + " LIMIT ?";
    }

    @Override
    public Optional<String> estimateQuery() {
        return Optional.of("SELECT TABLE_ROWS AS estimate FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?");
    }

    @Override
    public String createCanaryTable(String quotedTable) {
        return "CREATE TABLE " + quotedTable + " (marker VARCHAR(64) PRIMARY KEY, written_at TIMESTAMP(3) NOT NULL)";
    }

    @Override
    public String grantCanary(String quotedTable, String user) {
        return "GRANT SELECT, INSERT, DELETE ON " + quotedTable + " TO '" + user.replace("'", "''") + "'@'%'";
    }
}
