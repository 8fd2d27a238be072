package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.mysql.MariadbTestServer;
import dev.upgradecheck.scenario.Judgement.Truth;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static dev.upgradecheck.scenario.MariadbScenario.ITEMS;
import static dev.upgradecheck.scenario.MariadbScenario.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MariaDB harness's own rules, replayed on a real server and a real connector on the test Kafka Connect worker:
 * the canary at the end of the window, and a change lost before the baseline counted apart from one lost in it.
 */
@Tag("kafka")
class MariadbScenarioRegressionTest {

    /**
     * A server restarted with the captured database left out of its binlog (binlog_ignore_db): nothing in the window
     * was lost and the connector resumes, but it no longer sees the tables' changes. The canary's rows never arrive,
     * which the window's own writes alone would not have shown. The tool said NOT_NEEDED there until it read the
     * binlog's filters.
     */
    @Test
    void theCanaryCatchesAConnectorThatNoLongerSeesItsTables() {
        Judgement j = judged(s -> s.restartWith("restart with binlog_ignore_db=shop", "--binlog-ignore-db=shop"));
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.LOSS);
        assertThat(j.lost()).as("%s", j.report()).extracting(Change::table).containsExactlyInAnyOrder(ORDERS, ITEMS);
        assertThat(j.violations()).as("%s", j.report()).isEmpty();
    }

    /**
     * An insert logged as a statement before the baseline: a connector resumed at the baseline (the probe) skips it
     * as the reader did, so it was already lost there and is counted apart.
     */
    @Test
    void aChangeLostBeforeTheBaselineIsCountedApart() {
        Judgement j = judged(s -> {
            s.readerStop();
            s.restartWith("restart with binlog_format=MIXED", "--binlog-format=MIXED");
            s.insert(ORDERS, 1);
            s.restart();
            s.readerConsume();
            s.saveBaseline();
        });
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.LOSS_BEFORE_BASELINE);
        assertThat(j.lostBefore()).as("%s", j.report()).extracting(Change::toString)
                .containsExactly("shop.orders[2] INSERT");
    }

    /**
     * An insert the reader had not read at the baseline but the binlog still held: the probe delivers it, so its loss
     * (the binlog purged afterwards) counts in the window.
     */
    @Test
    void aChangeStillInTheBinlogAtTheBaselineCountsInTheWindow() {
        Judgement j = judged(s -> {
            s.readerStop();
            s.insert(ORDERS, 1);
            s.saveBaseline();
            s.flushBinaryLogs();
            s.purgeToNewest();
        });
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.CANNOT_RESUME);
        assertThat(j.lostBefore()).as("%s", j.report()).isEmpty();
        assertThat(j.violations()).as("%s", j.report()).isEmpty();
    }

    private static Judgement judged(Consumer<MariadbScenario> steps) {
        assumeTrue(MariadbTestServer.installed(), "MariaDB binaries not installed");
        try (MariadbScenario s = MariadbScenario.start()) {
            steps.accept(s);
            return s.judge();
        }
    }
}
