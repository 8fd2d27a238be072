package dev.upgradecheck.engine;

import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetOptionsTest {

    @Test
    void anOptionsFlagIsItsKeyInKebabCase() {
        assertThat(TargetOptions.CDC_USER.flag()).isEqualTo("--cdc-user");
        assertThat(TargetOptions.TARGET_VERSION.flag()).isEqualTo("--target-version");
        assertThat(TargetOptions.TABLES.flag()).isEqualTo("--tables");
    }

    @Test
    void anInventorysValuesWinAndTheFlagsFillTheRest() {
        TargetOptions flags = TargetOptions.NONE.withTables(List.of("a.b")).with(TargetOptions.CDC_USER, "flag-user");
        TargetOptions file = TargetOptions.fromFile(Map.of("cdcUser", "file-user", "window", "2h"),
                TargetOptions.SHARED);

        TargetOptions merged = file.over(flags);

        assertThat(merged.cdcUser()).isEqualTo("file-user");
        assertThat(merged.tables()).containsExactly("a.b");
        assertThat(merged.window()).hasToString("2h");
        assertThat(TargetOptions.NONE.tables()).isEmpty();
        assertThatThrownBy(() -> TargetOptions.fromFile(Map.of("window", "soon"), TargetOptions.SHARED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("window: ");
    }

    @Test
    void twoEnginesMayShareAnOptionOnlyIfTheyDeclareItAlike() {
        SourceInspector toy = EngineRegistry.load().find("toy");
        TargetOption<String> unlike = TargetOption.text("queues", "NAME", "Queues, as one word.");
        SourceInspector other = new SecondEngine(toy, unlike);

        assertThat(new EngineRegistry(List.of(toy, new SecondEngine(toy, toy.options().get(0)))).targetOptions())
                .containsOnlyOnce(toy.options().get(0));
        assertThatThrownBy(() -> new EngineRegistry(List.of(toy, other)).targetOptions())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--queues");
    }

    /** The toy engine's own option is a flag of the commands that inspect a source, and parses as declared. */
    @Test
    void anEnginesDeclaredOptionIsAFlagOfEveryInspectingCommand() {
        CliRun.Result help = new CliRun().run("precheck", "--help");
        CliRun.Result bad = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--window", "soon");

        assertThat(help.out()).contains("--queues=NAME", "--slot=NAME", "--collections=DB.COLLECTION");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--window");
    }

    /** Another engine that declares one option of its own. */
    private record SecondEngine(SourceInspector like, TargetOption<?> option) implements SourceInspector {
        @Override
        public String engine() {
            return "second";
        }

        @Override
        public List<TargetOption<?>> options() {
            return List.of(option);
        }

        @Override
        public List<dev.upgradecheck.check.DeclaredCheck> checks() {
            return List.of();
        }

        @Override
        public void validateUrl(String url) {
            like.validateUrl(url);
        }

        @Override
        public InspectionSession open(ConnectionSpec spec) {
            return like.open(spec);
        }

        @Override
        public dev.upgradecheck.plan.Runbook plan(dev.upgradecheck.plan.PlanRequest request) {
            return like.plan(request);
        }

        @Override
        public dev.upgradecheck.advice.SnapshotAdvice adviseOffline(dev.upgradecheck.plan.PlanRequest request) {
            return like.adviseOffline(request);
        }
    }
}
