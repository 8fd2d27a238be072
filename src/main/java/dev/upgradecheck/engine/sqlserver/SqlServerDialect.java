package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.util.List;
import java.util.Optional;

/**
 * SQL Server's spelling of what reconcile and canary send. HASHBYTES hashes VARCHAR in the database's code
 * page: key hashes agree with other databases for ASCII keys (integers, UUIDs, plain codes).
 */
final class SqlServerDialect implements SqlDialect {

    static final SqlServerDialect INSTANCE = new SqlServerDialect();

    @Override
    public String name() {
        return "sqlserver";
    }

    @Override
    public String quote(String identifier) {
        return TSql.bracket(identifier);
    }

    @Override
    public String asText(String column) {
        return "CAST(" + column + " AS VARCHAR(4000))";
    }

    @Override
    public String byteOrder(String text) {
        return "(" + text + " COLLATE Latin1_General_BIN2)";
    }

    @Override
    public Optional<String> hash56(String text) {
        return Optional.of("CONVERT(BIGINT, SUBSTRING(HASHBYTES('MD5', " + text + "), 1, 7))");
    }

    @Override
    public String joinTexts(List<String> texts) {
        return "CONCAT(" + String.join(", CHAR(31), ", texts) + ")";
    }

    @Override
    public String modulo(String dividend, String divisor) {
        return "(" + dividend + " % " + divisor + ")";
    }

    /** Our limited queries always end in ORDER BY, which OFFSET ... FETCH needs. */
    @Override
    public String limited(String select) {
        return select + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
    }

    @Override
    public Optional<String> estimateQuery() {
        return Optional.of("SELECT SUM(p.rows) AS estimate FROM sys.partitions p JOIN sys.tables t "
                + "ON t.object_id = p.object_id JOIN sys.schemas s ON s.schema_id = t.schema_id "
                + "WHERE s.name = ? AND t.name = ? AND p.index_id IN (0, 1)");
    }

    @Override
    public String createCanaryTable(String quotedTable) {
        return "CREATE TABLE " + quotedTable + " (marker VARCHAR(64) PRIMARY KEY, written_at DATETIME2 NOT NULL)";
    }
}
