package dev.upgradecheck.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    private final ErrorTranslator translator = e -> Outcome.error("could not run: " + e.getMessage(), "grant it");

    @Test
    void aCheckThatThrowsIsAnErrorNeverAPass() {
        List<Check<String>> checks = List.of(
                Check.of("t.ok", "passes", ctx -> Outcome.pass(ctx)),
                Check.of("t.boom", "throws", ctx -> {
                    throw new IllegalStateException("permission denied");
                }));

        List<CheckResult> results = new CheckRunner(CheckSelection.ALL, translator).run(checks, "seen");

        assertThat(results).extracting(CheckResult::id, CheckResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t.ok", Status.PASS),
                        org.assertj.core.groups.Tuple.tuple("t.boom", Status.ERROR));
        assertThat(results.get(1).detail()).contains("permission denied");
        assertThat(results.get(1).remedy()).isEqualTo("grant it");
    }

    @Test
    void unselectedChecksDoNotRunAtAll() {
        int[] runs = {0};
        List<Check<String>> checks = List.of(Check.of("t.counted", "counts", ctx -> {
            runs[0]++;
            return Outcome.pass(null);
        }));

        List<CheckResult> results = new CheckRunner(new CheckSelection(List.of(), List.of("t")), translator)
                .run(checks, "");

        assertThat(results).isEmpty();
        assertThat(runs[0]).isZero();
    }

    @Test
    void warnFailsOnlyUnderFailOnWarn() {
        assertThat(Status.WARN.fails(FailOn.FAIL)).isFalse();
        assertThat(Status.WARN.fails(FailOn.WARN)).isTrue();
        assertThat(Status.ERROR.fails(FailOn.FAIL)).isTrue();
        assertThat(Status.SKIP.fails(FailOn.WARN)).isFalse();
    }
}
