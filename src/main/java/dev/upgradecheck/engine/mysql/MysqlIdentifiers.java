package dev.upgradecheck.engine.mysql;

/** Quoting of schema and table names in the statements we print (MySQL's backtick rules). */
final class MysqlIdentifiers {

    private MysqlIdentifiers() {
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** {@code shop.orders} as {@code `shop`.`orders`}; a name without a schema stays one quoted part. */
    static String quoteQualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    /** The schema of {@code schema.table}, or null when the name has none. */
    static String schemaOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(0, dot);
    }
}
