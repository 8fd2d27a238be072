package dev.upgradecheck.engine.jdbc;

import dev.upgradecheck.testing.RecordedCatalog;
import dev.upgradecheck.value.HumanDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith({RecordedCatalog.EveryQueryAnswered.class, RecordedCatalog.EveryAnswerAsked.class})
class SqlSessionTest {

    @Test
    void bindsValuesInsteadOfConcatenatingThem() throws SQLException {
        RecordedCatalog db = new RecordedCatalog()
                .answer("SELECT name, active FROM t WHERE name = ?", List.of("x';--"),
                        RecordedCatalog.rows(List.of("NAME", "ACTIVE"), List.of("x';--", "t")));
        SqlSession session = new SqlSession(db.connection(), HumanDuration.parse("500ms"));

        Row row = session.one("SELECT name, active FROM t WHERE name = ?", "x';--");

        assertThat(row.string("name")).isEqualTo("x';--");
        assertThat(row.bool("active")).isTrue();
        assertThat(db.boundValues()).containsExactly(List.of("x';--"));
        assertThat(session.timeoutSeconds()).as("500ms rounds up, never to 0 = unbounded").isEqualTo(1);
    }

    @Test
    void oneFailsWhenTheQueryReturnsNoRow() {
        RecordedCatalog db = new RecordedCatalog().answer("SELECT 1", RecordedCatalog.rows(List.of("x")));
        SqlSession session = new SqlSession(db.connection(), HumanDuration.parse("5s"));

        assertThatThrownBy(() -> session.one("SELECT 1")).isInstanceOf(SQLException.class);
    }
}
