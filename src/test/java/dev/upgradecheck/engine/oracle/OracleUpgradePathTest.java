package dev.upgradecheck.engine.oracle;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.value.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OracleUpgradePathTest {

    @ParameterizedTest(name = "{0} -> {1} is direct")
    @CsvSource({"11.2.0.4, 19", "12.1.0.2.0, 19.21", "12.2.0.1, 19", "18.14, 19", "12.2.0.1, 21", "18.3, 21",
            "19.21.0.0.0, 21", "19.21, 23", "21.3, 23.4", "19.3, 26", "19.3, 19.23", "23.4, 19.3", "12.1.0.2, 12.2"})
    void directPathsPass(String from, String to) {
        assertThat(OracleUpgradePath.unsupported(Version.parse(from), Version.parse(to))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1} needs {2}")
    @CsvSource({"11.2.0.3, 19, 11.2.0.4", "12.1.0.1, 19, 12.1.0.2", "11.2, 19, 11.2.0.4", "10.2.0.5, 19, 12.1.0.2",
            "12.1.0.2, 21, 19c first", "12.2.0.1, 23, 19c first", "18.14, 23, 19c first",
            "11.2.0.3, 23, through 11.2.0.4"})
    void otherPathsNameTheIntermediateRelease(String from, String to, String advice) {
        assertThat(OracleUpgradePath.unsupported(Version.parse(from), Version.parse(to)))
                .hasValueSatisfying(why -> assertThat(why).contains(advice));
    }

    @Test
    void planFlagsAnUnsupportedPath() {
        var runbook = OracleRunbook.build(new PlanRequest("12.2", "23", Platform.SELF_HOSTED, null, TargetOptions.NONE), List.of(), null);

        assertThat(runbook.notes()).anySatisfy(n -> assertThat(n).startsWith("UNSUPPORTED PATH:").contains("19c first"));
        assertThat(OracleRunbook.build(new PlanRequest("19", "23", Platform.SELF_HOSTED, null, TargetOptions.NONE), List.of(), null)
                .notes()).noneSatisfy(n -> assertThat(n).startsWith("UNSUPPORTED PATH"));
    }
}
