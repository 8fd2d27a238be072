package dev.upgradecheck.testing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recorded catalog answers a whole statement with its bound values, nothing less. */
class RecordedCatalogTest {

    private static final String STATEMENT = """
            SELECT t.is_tracked_by_cdc
            FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
            WHERE s.name = ? AND t.name = ?""";

    private final RecordedCatalog db = new RecordedCatalog()
            .answer(STATEMENT, List.of("dbo", "orders"), RecordedCatalog.rows(List.of("is_tracked_by_cdc"), List.of(true)));

    private Object ask(String sql, String... values) throws Exception {
        Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            ps.setString(i + 1, values[i]);
        }
        ResultSet rs = ps.executeQuery();
        return rs.next() ? rs.getObject(1) : null;
    }

    @Test
    void theWholeStatementWithItsValuesIsAnswered() throws Exception {
        assertThat(ask("SELECT t.is_tracked_by_cdc FROM sys.tables AS t JOIN sys.schemas AS s"
                + "   ON s.schema_id = t.schema_id  WHERE s.name = ? AND t.name = ?", "dbo", "orders")).isEqualTo(true);
        assertThat(db.boundValues()).containsExactly(List.of("dbo", "orders"));
    }

    @Test
    void aChangedWhereOrJoinFindsNoAnswer() {
        assertThatThrownBy(() -> ask(STATEMENT.replace("s.name = ? AND", "s.name LIKE ? AND"), "dbo", "orders"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("without a recorded answer");
        assertThatThrownBy(() -> ask(STATEMENT.replace("JOIN", "LEFT JOIN"), "dbo", "orders"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ask("SELECT t.is_tracked_by_cdc FROM sys.tables AS t", "dbo", "orders"))
                .as("a part of the statement is not the statement").isInstanceOf(AssertionError.class);
    }

    @Test
    void swappedOrOtherValuesFindNoAnswer() {
        assertThatThrownBy(() -> ask(STATEMENT, "orders", "dbo")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("bound [orders, dbo]");
        assertThatThrownBy(() -> ask(STATEMENT, "dbo", "items")).isInstanceOf(AssertionError.class);
    }

    @Test
    void anAnswerForAnyValuesTakesWhatAnExactOneDoesNot() throws Exception {
        db.answer(STATEMENT, RecordedCatalog.ANY_BOUND_VALUES, RecordedCatalog.rows(List.of("is_tracked_by_cdc")));

        assertThat(ask(STATEMENT, "dbo", "orders")).isEqualTo(true);
        assertThat(ask(STATEMENT, "dbo", "gone")).isNull();
        assertThat(db.boundValues()).containsExactly(List.of("dbo", "orders"), List.of("dbo", "gone"));
    }
}
