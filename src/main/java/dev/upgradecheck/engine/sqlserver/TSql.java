package dev.upgradecheck.engine.sqlserver;

/** Transact-SQL quoting for the statements we print: identifiers in brackets, values as N'' literals. */
final class TSql {

    private TSql() {
    }

    /** {@code [name]}, with {@code ]} doubled, as QUOTENAME does. */
    static String bracket(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    /** {@code N'value'}, with {@code '} doubled. */
    static String nString(String value) {
        return "N'" + value.replace("'", "''") + "'";
    }

    /** A plain {@code 'value'} literal, for procedures documented with varchar arguments. */
    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
