package dev.upgradecheck.scenario;

import net.jqwik.api.state.ActionChain;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios of one engine's property: each try starts a fresh scenario (closing the last), is judged and counted
 * in the engine's confusion table, and fails with its script when it broke a property.
 */
final class ScenarioRun<S extends Scenario> {

    static final String KEEP_GOING = "scenarios.keepGoing";

    private final String engine;
    private final Supplier<S> start;
    private final ConfusionTable table;
    private S current;

    ScenarioRun(String engine, Supplier<S> start) {
        this.engine = engine;
        this.start = start;
        this.table = new ConfusionTable(engine);
    }

    S fresh() {
        closeCurrent();
        current = start.get();
        return current;
    }

    /**
     * With {@code -Dscenarios.keepGoing=true} (a long run that must measure all its scenarios) a broken property is
     * counted and the run goes on; {@link #writeTable()} fails at the end with every such script, unshrunk.
     * Otherwise the first one fails the property and jqwik shrinks it.
     */
    void judge(ActionChain<S> chain) {
        boolean keepGoing = Boolean.getBoolean(KEEP_GOING);
        Judgement j;
        try {
            j = chain.run().judge();
        } catch (RuntimeException | AssertionError e) {
            if (!keepGoing) {
                throw e;
            }
            // the harness itself failed (a server or engine that would not stop, say): no verdict to count, but
            // one failed run must not end a long one; it fails at the end with the others
            table.harnessFailed(chain.transformations() + ": " + e.getMessage());
            table.write();
            System.out.println("scenario: HARNESS FAILURE " + e.getMessage());
            return;
        }
        table.add(j);
        // rewritten after every scenario: a long run stopped early still leaves its figures and scripts
        table.write();
        // one line per scenario: a long run shows its progress, and the shrinker's attempts are visible
        System.out.println("scenario: " + j.scenarioClass() + " -> " + j.verdict() + ", " + j.truth()
                + (j.violations().isEmpty() ? "" : ", BROKEN: " + j.violations()));
        if (!keepGoing) {
            assertThat(j.violations()).as("%s", j.report()).isEmpty();
        }
    }

    void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    void writeTable() {
        System.out.println("scenarios (" + engine + "): " + table.summary() + " -> " + table.write());
        assertThat(table.broken()).as("scenarios that broke a property (their scripts are in the confusion table)")
                .extracting(Judgement::report).isEmpty();
        assertThat(table.harnessFailures()).as("scenarios the harness could not run").isEmpty();
    }
}
