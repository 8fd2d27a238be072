package dev.upgradecheck.engine.oracle;

import java.util.List;

/**
 * A query on catalog views, with what a user needs to run it: when the server answers ORA-00942 or ORA-01031,
 * the check becomes ERROR naming {@code grantObjects} (the SYS objects behind the public synonyms, e.g.
 * V_$DATABASE for V$DATABASE). Empty for views every user may read (ALL_*, SESSION_PRIVS, DUAL).
 */
record CatalogQuery(String view, List<String> grantObjects, String sql) {

    CatalogQuery {
        grantObjects = List.copyOf(grantObjects);
    }

    static CatalogQuery on(String view, String sql, String... grantObjects) {
        return new CatalogQuery(view, List.of(grantObjects), sql);
    }

    static CatalogQuery open(String view, String sql) {
        return new CatalogQuery(view, List.of(), sql);
    }
}
