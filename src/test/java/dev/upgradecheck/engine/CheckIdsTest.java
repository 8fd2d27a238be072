package dev.upgradecheck.engine;

import dev.upgradecheck.check.DeclaredCheck;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** One id scheme for every engine: its prefix first, {@code <prefix>.verify.*} for the baseline comparisons. */
class CheckIdsTest {

    @Test
    void everyEngineNamesItsChecksOneWayAndItsDocsNameTheCurrentIds() throws IOException {
        for (SourceInspector engine : ServiceLoader.load(SourceInspector.class)) {
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
    }
}
