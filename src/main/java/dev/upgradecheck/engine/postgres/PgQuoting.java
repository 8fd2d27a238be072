package dev.upgradecheck.engine.postgres;

/**
 * Quoting for SQL we print (runbooks, remedies): identifiers always in double quotes with inner quotes
 * doubled, string literals in single quotes with inner quotes doubled (standard_conforming_strings, the
 * default since 9.1, makes backslashes plain characters). Nothing we quote is ever sent to the server:
 * queries bind their values.
 */
final class PgQuoting {

    private PgQuoting() {
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code schema.table} as the user wrote it on --tables: split at the first dot, each part quoted. */
    static String table(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? ident(qualified) : table(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    static String table(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A list of tables for {@code FOR TABLE ...} / {@code ADD TABLE ...}. */
    static String tables(java.util.Collection<String> qualified) {
        return String.join(", ", qualified.stream().map(PgQuoting::table).toList());
    }
}
