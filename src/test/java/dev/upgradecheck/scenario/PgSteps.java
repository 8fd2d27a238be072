package dev.upgradecheck.scenario;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The PostgreSQL vocabulary of an upgrade window (issue 14): writes of every kind into plain, partitioned and late
 * published tables; the reader consuming, stopping, with or without heartbeat; the baseline; restart, crash, and one
 * major upgrade to 15 (a real pg_upgrade, or a dump restored into a fresh cluster, each leaving wal_level at logical or
 * at the new cluster's default); the slot dropped, created or advanced; the publication altered. Writes weigh most, as in a
 * real window; a step that needs the reader stopped (the slot is busy while it streams) waits for a chain that
 * stopped it.
 */
final class PgSteps {

    private PgSteps() {
    }

    static ActionChainArbitrary<PgScenario> windows(Supplier<PgScenario> start, int maxSteps) {
        return ActionChain.<PgScenario>startWith(start)
                .withAction(6, RowWrites.insertStep())
                .withAction(2, RowWrites.updateStep())
                .withAction(2, RowWrites.deleteStep())
                .withAction(1, new Truncate())
                .withAction(3, step("reader consumes", s -> true, PgScenario::readerConsume))
                .withAction(4, step("reader stops", PgScenario::readerRunning, PgScenario::readerStop))
                .withAction(1, new Heartbeat())
                .withAction(4, step("precheck --save-baseline", s -> true, PgScenario::saveBaseline))
                .withAction(1, step("restart", s -> true, PgScenario::restart))
                .withAction(1, step("crash", s -> true, PgScenario::crash))
                .withAction(2, new Upgrade())
                .withAction(3, step("drop slot", s -> !s.readerRunning() && s.slotExists(), PgScenario::dropSlot))
                .withAction(4, step("create slot", s -> !s.readerRunning() && s.walLevelLogical() && !s.slotExists(),
                        PgScenario::createSlot))
                .withAction(2, step("advance slot", s -> !s.readerRunning() && s.slotExists(), PgScenario::advanceSlot))
                .withAction(1, step("publication drops items", PgScenario::itemsPublished, PgScenario::publicationDropItems))
                .withAction(1, step("publication adds items back", s -> !s.itemsPublished(),
                        s -> s.publicationAdd(PgScenario.ITEMS)))
                .withAction(1, step("publication adds late", s -> !s.lateCaptured(), s -> s.publicationAdd(PgScenario.LATE)))
                .withMaxTransformations(maxSteps);
    }

    private static Action.Independent<PgScenario> step(String name, Predicate<PgScenario> when, Consumer<PgScenario> does) {
        return Action.<PgScenario>builder().when(when).describeAs(name).justMutate(does);
    }

    private static final class Truncate implements Action.Dependent<PgScenario> {
        @Override
        public Arbitrary<Transformer<PgScenario>> transformer(PgScenario s) {
            return Arbitraries.of(s.writableTables()).map(t -> Transformer.mutate("truncate " + t, x -> x.truncate(t)));
        }
    }

    private static final class Heartbeat implements Action.Independent<PgScenario> {
        @Override
        public Arbitrary<Transformer<PgScenario>> transformer() {
            return Arbitraries.of(true, false).map(on -> Transformer.mutate("heartbeat " + (on ? "on" : "off"),
                    s -> s.heartbeat(on)));
        }
    }

    private static final class Upgrade implements Action.Independent<PgScenario> {
        @Override
        public boolean precondition(PgScenario s) {
            return !s.upgraded();
        }

        @Override
        public Arbitrary<Transformer<PgScenario>> transformer() {
            Arbitrary<Transformer<PgScenario>> pgUpgrade = Arbitraries.of(true, false).map(logical -> Transformer.mutate(
                    "pg_upgrade 14 -> 15, wal_level " + (logical ? "logical" : "left at replica"), s -> s.upgrade(logical)));
            Arbitrary<Transformer<PgScenario>> dumpRestore = Arbitraries.of(true, false).map(logical ->
                    Transformer.mutate("dump/restore 14 -> 15, wal_level " + (logical ? "logical" : "left at replica"),
                            s -> s.dumpRestore(logical)));
            return Arbitraries.oneOf(pgUpgrade, pgUpgrade, dumpRestore);
        }
    }
}
