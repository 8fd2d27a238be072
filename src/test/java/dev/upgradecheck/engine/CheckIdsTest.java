package dev.upgradecheck.engine;

import dev.upgradecheck.check.DeclaredCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One id scheme for every shipped engine: its prefix first, {@code <prefix>.verify.*} for the baseline comparisons,
 * every id named on its page.
 */
class CheckIdsTest {

    @Test
    void everyEngineNamesItsChecksOneWayAndItsDocsNameTheCurrentIds() throws IOException {
        List<String> shipped = Files.readAllLines(Path.of("src/main/resources/META-INF/services",
                SourceInspector.class.getName()));
        int checked = 0;
        for (SourceInspector engine : ServiceLoader.load(SourceInspector.class)) {
            if (!shipped.contains(engine.getClass().getName())) {
                continue; // a test-only engine (the toy) has no page under docs/engines
            }
            checked++;
            String prefix = engine.checkIdPrefix() + ".";
            String docs = Files.readString(Path.of("docs/engines", engine.engine() + ".md"));
            for (DeclaredCheck check : engine.checks()) {
                assertThat(check.id()).as(engine.engine()).startsWith(prefix);
                assertThat(check.id().startsWith(prefix + "verify.")).as(check.id())
                        .isEqualTo(check.comparesWithBaseline());
                assertThat(docs).as(engine.engine() + " docs").contains("`" + check.id());
                if (check.formerId() != null) {
                    assertThat(docs).as(engine.engine() + " docs").doesNotContain("`" + check.formerId() + "`");
                }
            }
        }
        assertThat(checked).as("every shipped engine found").isEqualTo(shipped.size());
    }
}
