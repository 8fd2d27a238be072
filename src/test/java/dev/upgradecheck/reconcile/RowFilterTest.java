package dev.upgradecheck.reconcile;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.engine.jdbc.SqlDialect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --dest-filter is a grammar, not SQL: columns quoted as the table spells them, values bound. */
class RowFilterTest {

    private static final List<String> COLUMNS = List.of("id", "__deleted", "Region");

    private static SqlPredicate predicate(String text) {
        return RowFilter.parse(text, "--dest-filter").orElseThrow().predicate(SqlDialect.ANSI, COLUMNS, "sink.orders");
    }

    @Test
    void conditionsBecomeQuotedColumnsAndBoundValues() {
        SqlPredicate p = predicate("__deleted = 'it''s false' OR __deleted IS NULL AND region <> 'EU' AND id >= -5");

        assertThat(p.sql()).isEqualTo("\"__deleted\" = ? OR \"__deleted\" IS NULL AND \"Region\" <> ? AND \"id\" >= ?");
        assertThat(p.params()).containsExactly("it's false", "EU", new BigDecimal("-5"));
        assertThat(predicate("\"__deleted\" != TRUE").params()).containsExactly(true);
        assertThat(RowFilter.parse("  ", "--dest-filter")).isEmpty();
    }

    @Test
    void anythingOutsideTheGrammarIsRefused() {
        for (String hostile : List.of("id = 1; DROP TABLE t", "id = 1 -- x", "1 = 1", "id = (SELECT 1)",
                "id = 1 OR", "id", "id IS 1", "id = 1 UNION SELECT 2", "pg_sleep(1) IS NULL", "id = 'open")) {
            assertThatThrownBy(() -> predicate(hostile)).as(hostile).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("--dest-filter");
        }
        assertThatThrownBy(() -> predicate("nope = 1")).hasMessageContaining("has no column nope");
    }
}
