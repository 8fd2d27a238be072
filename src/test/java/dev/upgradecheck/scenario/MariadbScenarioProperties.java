package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.mysql.MariadbTestServer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;

/**
 * Generated upgrade windows on a real MariaDB, judged by a real Debezium MariaDB connector: the tool's verdicts must
 * never hide a loss. The fast set runs a fixed seed in every build; the long run ({@code ./mvnw verify -Pscenarios
 * -Dscenarios.tries=N}) the same generator for N tries. Each run writes target/scenarios/mariadb-confusion.md.
 */
class MariadbScenarioProperties {

    private static final ScenarioRun<MariadbScenario> RUN = new ScenarioRun<>("mariadb", MariadbScenario::start);

    @Property(tries = 6, seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
    @Tag("scenarios-fast")
    @Tag("kafka")
    void fastSet(@ForAll("windows") ActionChain<MariadbScenario> chain) {
        judge(chain);
    }

    /**
     * Tries from {@code jqwik.tries.default}, which the scenarios profile sets from {@code scenarios.tries}; the seed
     * from {@code scenarios.seed} when given ({@link LongRunSeed}).
     */
    @Property(seed = "20261201", shrinking = ShrinkingMode.BOUNDED)
    @Tag("scenarios")
    @AddLifecycleHook(LongRunSeed.class)
    void longRun(@ForAll("windows") ActionChain<MariadbScenario> chain) {
        judge(chain);
    }

    private static void judge(ActionChain<MariadbScenario> chain) {
        Assume.that(MariadbTestServer.installed());
        RUN.judge(chain);
    }

    @Provide
    Arbitrary<ActionChain<MariadbScenario>> windows() {
        return MariadbSteps.windows(RUN::fresh, 8);
    }

    @AfterTry
    void afterTry() {
        RUN.closeCurrent();
    }

    @AfterContainer
    static void writeConfusionTable() {
        RUN.writeTable();
    }
}
