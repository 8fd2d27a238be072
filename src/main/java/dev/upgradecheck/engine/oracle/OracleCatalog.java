package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.jdbc.Row;
import dev.upgradecheck.engine.jdbc.SqlSession;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs catalog queries through the one {@link SqlSession} (bound values, query timeout) and turns a refused view
 * into {@link CatalogAccessDenied}, so every check reports the same exact grant.
 */
final class OracleCatalog {

    /** ORA-00942: table or view does not exist (what a view without SELECT looks like). */
    static final int TABLE_OR_VIEW_DOES_NOT_EXIST = 942;
    /** ORA-01031: insufficient privileges. */
    static final int INSUFFICIENT_PRIVILEGES = 1031;

    private final SqlSession sql;

    OracleCatalog(SqlSession sql) {
        this.sql = sql;
    }

    List<Row> query(CatalogQuery query, Object... params) throws SQLException {
        try {
            return sql.query(query.sql(), params);
        } catch (SQLException e) {
            if (!query.grantObjects().isEmpty() && isAccessDenied(e)) {
                throw new CatalogAccessDenied(query, e);
            }
            throw e;
        }
    }

    Optional<Row> first(CatalogQuery query, Object... params) throws SQLException {
        List<Row> rows = query(query, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    Row one(CatalogQuery query, Object... params) throws SQLException {
        return first(query, params).orElseThrow(() -> new SQLException(query.view() + " returned no row"));
    }

    static boolean isAccessDenied(SQLException e) {
        return e.getErrorCode() == TABLE_OR_VIEW_DOES_NOT_EXIST || e.getErrorCode() == INSUFFICIENT_PRIVILEGES;
    }
}
