package dev.upgradecheck.reconcile;

import java.util.ArrayList;
import java.util.List;

/** A WHERE condition with its bound values, in placeholder order. */
record SqlPredicate(String sql, List<Object> params) {

    static final SqlPredicate TRUE = new SqlPredicate("1 = 1", List.of());

    SqlPredicate {
        params = List.copyOf(params);
    }

    SqlPredicate and(SqlPredicate other) {
        if (this == TRUE) {
            return other;
        }
        if (other == TRUE) {
            return this;
        }
        List<Object> all = new ArrayList<>(params);
        all.addAll(other.params);
        return new SqlPredicate("(" + sql + ") AND (" + other.sql + ")", all);
    }
}
