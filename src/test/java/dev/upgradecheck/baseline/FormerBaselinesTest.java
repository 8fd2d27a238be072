package dev.upgradecheck.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upgradecheck.engine.mongodb.MongoBaseline;
import dev.upgradecheck.engine.mysql.MysqlBaseline;
import dev.upgradecheck.engine.oracle.OracleBaseline;
import dev.upgradecheck.engine.postgres.PostgresBaseline;
import dev.upgradecheck.engine.sqlserver.SqlServerBaseline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baselines saved by the release before the engines' baseline types were renamed (files written by precheck
 * --save-baseline against each engine's test source) still load into the renamed types, every field kept (fields
 * added since read back as null).
 */
class FormerBaselinesTest {

    static Stream<Arguments> savedBeforeTheRename() {
        return Stream.of(
                Arguments.of("postgres", PostgresBaseline.class),
                Arguments.of("mysql", MysqlBaseline.class),
                Arguments.of("oracle", OracleBaseline.class),
                Arguments.of("sqlserver", SqlServerBaseline.class),
                Arguments.of("mongodb", MongoBaseline.class));
    }

    @ParameterizedTest
    @MethodSource("savedBeforeTheRename")
    void aBaselineSavedBeforeTheRenameLoadsWithEveryField(String engine, Class<?> type) throws Exception {
        Path file = Path.of(getClass().getResource(engine + "-baseline-0.x.json").toURI());

        Baseline baseline = BaselineFile.read(file, engine);
        Object state = baseline.stateAs(type);

        // written out and read back as text, so that numbers compare by value, not by node type
        JsonNode again = Json.mapper().readTree(Json.mapper().writeValueAsString(state));
        assertThat(baseline.state().size()).as("fields in the saved state").isGreaterThan(3);
        assertThat(withoutNulls(again)).isEqualTo(withoutNulls(baseline.state()));
    }

    /** A field added since the file was saved reads back as null, as an absent one does. */
    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
        }
        node.forEach(FormerBaselinesTest::strip);
    }
}
