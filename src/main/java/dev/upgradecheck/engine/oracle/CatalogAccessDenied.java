package dev.upgradecheck.engine.oracle;

import java.sql.SQLException;

/** The server refused a catalog view (ORA-00942 or ORA-01031): the check is ERROR with the grant that fixes it. */
final class CatalogAccessDenied extends SQLException {

    private final CatalogQuery query;

    CatalogAccessDenied(CatalogQuery query, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.query = query;
    }

    CatalogQuery query() {
        return query;
    }
}
