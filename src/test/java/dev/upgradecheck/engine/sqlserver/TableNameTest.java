package dev.upgradecheck.engine.sqlserver;

import dev.upgradecheck.BadInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableNameTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ_09 .[]'\"é").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    @Property
    void displayedNamesParseBack(@ForAll("names") String schema, @ForAll("names") String table) {
        TableName name = TableName.of(schema, table);

        assertThat(TableName.parse(name.display())).isEqualTo(name);
        assertThat(TableName.parse(name.inDatabase("sales").toString())).isEqualTo(name.inDatabase("sales"));
    }

    @Property
    void bracketQuotingDoublesClosingBrackets(@ForAll("names") String schema, @ForAll("names") String table) {
        String quoted = TableName.of(schema, table).quoted();

        assertThat(TableName.parse(quoted)).isEqualTo(TableName.of(schema, table));
        assertThat(TSql.nString(table)).isEqualTo("N'" + table.replace("'", "''") + "'");
    }

    @Test
    void oneAndThreePartNames() {
        assertThat(TableName.parse("orders")).isEqualTo(TableName.of("dbo", "orders"));
        assertThat(TableName.parse("sales.dbo.orders").database()).isEqualTo("sales");
        assertThatThrownBy(() -> TableName.parse("a.b.c.d")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> TableName.parse("dbo.")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> TableName.parse("[dbo.orders")).isInstanceOf(BadInputException.class);
    }
}
