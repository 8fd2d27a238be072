package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.mysql.MariadbTestServer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated upgrade windows on a real MariaDB, judged by a real Debezium MariaDB connector: the tool's verdicts must
 * never hide a loss. Long run only ({@code ./mvnw verify -Pscenarios -Dscenarios.tries=N}); each run writes
 * target/scenarios/mariadb-confusion.md.
 */
class MariadbScenarioProperties {

    private static final ConfusionTable TABLE = new ConfusionTable("mariadb");
    private static MariadbScenario current;

    /** Tries from {@code jqwik.tries.default}, which the scenarios profile sets from {@code scenarios.tries}. */
    @Property(seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
    @Tag("scenarios")
    void longRun(@ForAll("windows") ActionChain<MariadbScenario> chain) {
        Assume.that(MariadbTestServer.installed());
        Judgement j = chain.run().judge();
        TABLE.add(j);
        // one line per scenario: a long run shows its progress, and the shrinker's attempts are visible
        System.out.println("scenario: " + j.scenarioClass() + " -> " + j.verdict() + ", " + j.truth()
                + (j.violations().isEmpty() ? "" : ", BROKEN: " + j.violations()));
        assertThat(j.violations()).as("%s", j.report()).isEmpty();
    }

    @Provide
    Arbitrary<ActionChain<MariadbScenario>> windows() {
        return MariadbSteps.windows(MariadbScenarioProperties::fresh, 8);
    }

    private static MariadbScenario fresh() {
        closeCurrent();
        current = MariadbScenario.start();
        return current;
    }

    @AfterTry
    void afterTry() {
        closeCurrent();
    }

    private static void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @AfterContainer
    static void writeConfusionTable() {
        System.out.println("scenarios (mariadb): " + TABLE.summary() + " -> " + TABLE.write());
    }
}
