package dev.upgradecheck.scenario;

import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The MariaDB vocabulary of an upgrade window (issue 14): row writes; the reader consuming and stopping; FLUSH BINARY
 * LOGS; PURGE BINARY LOGS TO the newest file and RESET MASTER (with the reader stopped, as a DBA frees disk in the
 * window); the baseline; a restart, plain or with binlog_format, binlog_row_image or server_id changed (a plain
 * restart changes them back), or with a binlog filter leaving the captured database out (kept from then on). Writes
 * weigh most, as in a real window.
 */
final class MariadbSteps {

    private MariadbSteps() {
    }

    static ActionChainArbitrary<MariadbScenario> windows(Supplier<MariadbScenario> start, int maxSteps) {
        return ActionChain.<MariadbScenario>startWith(start)
                .withAction(6, RowWrites.insertStep())
                .withAction(2, RowWrites.updateStep())
                .withAction(2, RowWrites.deleteStep())
                .withAction(3, step("reader consumes", s -> true, MariadbScenario::readerConsume))
                .withAction(4, step("reader stops", MariadbScenario::readerRunning, MariadbScenario::readerStop))
                .withAction(3, step("FLUSH BINARY LOGS", s -> true, MariadbScenario::flushBinaryLogs))
                .withAction(3, step("PURGE BINARY LOGS TO the newest", s -> !s.readerRunning(),
                        MariadbScenario::purgeToNewest))
                .withAction(4, step("precheck --save-baseline", s -> true, MariadbScenario::saveBaseline))
                .withAction(1, step("restart", s -> true, MariadbScenario::restart))
                .withAction(1, step("RESET MASTER", s -> !s.readerRunning(), MariadbScenario::resetMaster))
                .withAction(1, step("restart with binlog_format=MIXED", s -> true,
                        s -> s.restartWith("restart with binlog_format=MIXED", "--binlog-format=MIXED")))
                .withAction(1, step("restart with binlog_row_image=MINIMAL", s -> true,
                        s -> s.restartWith("restart with binlog_row_image=MINIMAL", "--binlog-row-image=MINIMAL")))
                .withAction(1, step("restart with another server_id", s -> true,
                        s -> s.restartWith("restart with server_id 2", "--server-id=2")))
                .withAction(1, step("restart with binlog-ignore-db=shop configured", s -> !s.binlogFiltered(),
                        MariadbScenario::restartWithBinlogFilter))
                .withMaxTransformations(maxSteps);
    }

    private static Action.Independent<MariadbScenario> step(String name, Predicate<MariadbScenario> when,
                                                            Consumer<MariadbScenario> does) {
        return Action.<MariadbScenario>builder().when(when).describeAs(name).justMutate(does);
    }
}
