package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.postgres.LocalCluster;
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
 * Generated upgrade windows on real PostgreSQL (a real pg_upgrade 14 -> 15 among the steps), judged by a real
 * Debezium reader: the tool's verdicts must never hide a loss. The fast set runs a fixed seed in every build; the
 * long run ({@code ./mvnw verify -Pscenarios -Dscenarios.tries=N}) the same generator for N tries. A failing chain
 * is shrunk and printed as a numbered script; each run writes target/scenarios/postgres-confusion.md.
 */
class PgScenarioProperties {

    private static final ConfusionTable TABLE = new ConfusionTable("postgres");
    private static PgScenario current;

    @Property(tries = 10, seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
    @Tag("scenarios-fast")
    void fastSet(@ForAll("windows") ActionChain<PgScenario> chain) {
        judge(chain);
    }

    /** Tries from {@code jqwik.tries.default}, which the scenarios profile sets from {@code scenarios.tries}. */
    @Property(seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
    @Tag("scenarios")
    void longRun(@ForAll("windows") ActionChain<PgScenario> chain) {
        judge(chain);
    }

    private static void judge(ActionChain<PgScenario> chain) {
        Assume.that(LocalCluster.unavailable().isEmpty());
        Judgement j = chain.run().judge();
        TABLE.add(j);
        // one line per scenario: a long run shows its progress, and the shrinker's attempts are visible
        System.out.println("scenario: " + j.scenarioClass() + " -> " + j.verdict() + ", " + j.truth()
                + (j.violations().isEmpty() ? "" : ", BROKEN: " + j.violations()));
        assertThat(j.violations()).as("%s", j.report()).isEmpty();
    }

    @Provide
    Arbitrary<ActionChain<PgScenario>> windows() {
        return PgSteps.windows(PgScenarioProperties::fresh, 8);
    }

    private static PgScenario fresh() {
        closeCurrent();
        current = PgScenario.start();
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
        System.out.println("scenarios (postgres): " + TABLE.summary() + " -> " + TABLE.write());
    }
}
