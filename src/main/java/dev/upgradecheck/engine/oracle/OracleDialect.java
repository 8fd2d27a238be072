package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.SqlDialect;

import java.util.Optional;

/** Oracle's spelling of what reconcile and canary send (STANDARD_HASH and FETCH FIRST need 12c). */
final class OracleDialect implements SqlDialect {

    static final OracleDialect INSTANCE = new OracleDialect();

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Optional<String> hash56(String text) {
        return Optional.of("TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(" + text + ", 'MD5')), 1, 14), 'XXXXXXXXXXXXXX')");
    }

    @Override
    public Optional<String> estimateQuery() {
        return Optional.of("SELECT NUM_ROWS AS estimate FROM ALL_TABLES WHERE OWNER = ? AND TABLE_NAME = ?");
    }
}
