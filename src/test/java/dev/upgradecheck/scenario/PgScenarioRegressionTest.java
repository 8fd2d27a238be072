package dev.upgradecheck.scenario;

import dev.upgradecheck.engine.postgres.LocalCluster;
import dev.upgradecheck.scenario.Judgement.Truth;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static dev.upgradecheck.scenario.PgScenario.EVENTS;
import static dev.upgradecheck.scenario.PgScenario.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sequences the scenario generator found (or that issue 11 reported by hand), replayed step by step: each must lose
 * changes in the real reader, and the tool's verdicts must say so.
 */
class PgScenarioRegressionTest {

    @Test
    void slotDroppedAndRecreatedUnderTheSameNameIsNotAnAllClear() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.readerStop();
            s.dropSlot();
            s.insert(ORDERS, 2);
            s.createSlot();
        });
    }

    @Test
    void writesAfterADrainedBaselineLostInPgUpgradeAreNotAnAllClear() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.readerStop();
            s.insert(ORDERS, 1);
            s.upgrade(true);
            s.createSlot();
        });
    }

    /** The other upgrade path: the write is in the dump, restored as data, and never in the reader's stream. */
    @Test
    void writesAfterADrainedBaselineLostInADumpAndRestoreAreNotAnAllClear() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.readerStop();
            s.insert(ORDERS, 1);
            s.dumpRestore(true);
        });
    }

    /**
     * Found by the long run (seed 20261302): the baseline, taken after a dump and restore, carried the connector's
     * offset from the old cluster, past the new cluster's WAL. The new slot stood still since, and snapshot-advice said
     * NOT_NEEDED (verify exited 0) while the resumed connector skipped every change up to its old LSN.
     */
    @Test
    void anOffsetFromTheClusterBeforeADumpAndRestoreIsNotAnAllClear() {
        assertLossIsReported(s -> {
            s.insert(ORDERS, 1);
            s.readerConsume();
            s.dumpRestore(true);
            s.createSlot();
            s.saveBaseline();
            s.insert(ORDERS, 1);
        });
    }

    /**
     * Found by the long run (seed 20261303): a table the connector captures, out of the publication at the baseline
     * and added back after writes to it. snapshot-advice said REQUIRED for it, but verify exited 0.
     */
    @Test
    void aCapturedTableOutOfThePublicationAtTheBaselineAndAddedBackFailsVerify() {
        assertLossIsReported(s -> {
            s.publicationDropItems();
            s.saveBaseline();
            s.insert(PgScenario.ITEMS, 2);
            s.publicationAdd(PgScenario.ITEMS);
        });
    }

    /**
     * Found by the long run (seed 20261322): writes right before the slot was dropped and recreated had not reached
     * the statistics yet (PostgreSQL 14 sends a session's counts at most every half second, and the collector's file
     * may be older still on a loaded machine), so the quiet-window proof counted no write and said NOT_NEEDED. The
     * lag depends on timing; here the writing role's statistics are switched off, so the counters miss the writes
     * every time, as they would after a reset.
     */
    @Test
    void writesTheStatisticsMissedBeforeARecreatedSlotAreNotAnAllClear() {
        assertLossIsReported(s -> {
            s.readerStop();
            s.saveBaseline();
            s.write("the writing role's statistics off", "ALTER ROLE postgres SET track_counts = off");
            s.insert(EVENTS, 1);
            s.dropSlot();
            s.insert(ORDERS, 1);
            s.createSlot();
        });
    }

    /**
     * Found while replaying a long-run finding (seed 20261322): a change pending at the baseline, the slot advanced
     * past it, then the reader resumed from its older offset. PostgreSQL 14 skipped the change and let the reader
     * confirm its older position, which put the slot back where the baseline saw it: "unchanged", NOT_NEEDED, verify 0.
     */
    @Test
    void aSlotAdvancedPastAPendingChangeAndConfirmedBackByTheReaderIsNotAnAllClear() {
        assertLossIsReported(s -> {
            s.readerStop();
            s.insert(ORDERS, 1);
            s.saveBaseline();
            s.advanceSlot();
            s.insert(ORDERS, 1);
            s.readerConsume();
        });
    }

    /**
     * Found by the long run (seed 20261322): a delete pending at the baseline (the reader stopped by a server
     * restart), the slot advanced past it, and the reader resumed after. It read on from the slot's new position and
     * committed past the delete, which verify took for proof that it had received it: snapshot-advice said
     * RECOMMENDED, but verify exited 0.
     */
    @Test
    void aSlotAdvancedPastAPendingChangeBeforeTheReaderResumedFailsVerify() {
        assertLossIsReported(s -> {
            s.insert(ORDERS, 1);
            s.readerConsume();
            s.publicationAdd(PgScenario.LATE);
            s.heartbeat(false);
            s.restart();
            s.delete(ORDERS, 1);
            s.saveBaseline();
            s.advanceSlot();
            s.insert(PgScenario.LATE, 2);
            s.readerConsume();
        });
    }

    /**
     * The simplest form of the two above, written by hand: a drained baseline, the reader stopped, a write, the slot
     * advanced past it, and the reader reading on. Its offset and the slot agree, and verify exited 0.
     */
    @Test
    void aSlotAdvancedPastAWriteAfterTheBaselineAndReadOnFailsVerify() {
        assertLossIsReported(s -> {
            s.insert(ORDERS, 1);
            s.readerConsume();
            s.saveBaseline();
            s.readerStop();
            s.insert(ORDERS, 1);
            s.advanceSlot();
            s.insert(ORDERS, 1);
            s.readerConsume();
        });
    }

    @Test
    void partitionWritesLostInPgUpgradeAreNotAnAllClear() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.readerStop();
            s.insert(EVENTS, 2);
            s.upgrade(true);
            s.createSlot();
        });
    }

    /** Found by the generator (seed 20261201): without a baseline, "slot intact" after a pg_upgrade is no evidence. */
    @Test
    void truncateBeforeTheReaderRecreatesItsSlotAfterPgUpgradeWithoutBaselineIsNotAnAllClear() {
        assertLossIsReported(s -> {
            s.readerStop();
            s.upgrade(true);
            s.truncate(ORDERS);
            s.readerConsume();
        });
    }

    @Test
    void slotAdvancedPastUnreadChangesIsNotAnAllClear() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.readerStop();
            s.insert(ORDERS, 1);
            s.advanceSlot();
        });
    }

    /**
     * Found by the long run (seed 20261202): the baseline saw changes the reader had not read (it had committed no
     * offset yet), then the slot was advanced past them; snapshot-advice said RECOMMENDED, but verify exited 0.
     * Replayed with the reader stopped from the start, so that no offset exists, as in the run.
     */
    @Test
    void slotAdvancedPastChangesUnreadAtTheBaselineFailsVerify() {
        assertLossIsReported(s -> {
            s.readerStop();
            s.insert(EVENTS, 1);
            s.saveBaseline();
            s.restart();
            s.insert(ORDERS, 3);
            s.publicationDropItems();
            s.update(EVENTS, 0);
            s.saveBaseline();
            s.advanceSlot();
        });
    }

    /**
     * Found by the long run (seed 20261202), a false all-clear: the slot dropped after the baseline, writes, and
     * snapshot-advice at once. PostgreSQL 14's statistics collector had not yet counted the writes (its file may be
     * half a second old), so "no write since the baseline" read as proof. Now only transaction ids prove it.
     */
    @Test
    void writesRightAfterTheSlotWasDroppedAreNotAnAllClearWhileStatisticsLag() {
        assertLossIsReported(s -> {
            s.readerStop();
            s.publicationDropItems();
            s.saveBaseline();
            s.dropSlot();
            s.truncate(PgScenario.ITEMS);
            s.insert(EVENTS, 2);
            s.heartbeat(true);
            s.update(EVENTS, 1);
        });
    }

    /**
     * Found by the long run (seed 20261201), a loss before the baseline: a table taken out of the publication while
     * the connector still lists it loses its changes without an error. The connector's include lists show it.
     */
    @Test
    void aTableTheConnectorListsButThePublicationDroppedIsRequired() {
        Judgement j = judged(s -> {
            s.publicationDropItems();
            s.insert(PgScenario.ITEMS, 1);
            s.saveBaseline();
            s.readerConsume();
        });
        assertThat(j.lostBefore()).as("%s", j.report()).extracting(Change::table).containsExactly(PgScenario.ITEMS);
        assertThat(j.tableVerdicts()).as("%s", j.report()).containsEntry(PgScenario.ITEMS, "REQUIRED");
        assertThat(j.verifyExit()).as("%s", j.report()).isEqualTo(1);
    }

    /**
     * Found by the long run (seed 20261221), a NOT_NEEDED with verify exiting 0: after pg_upgrade the connector's
     * offset was the old cluster's, its new slot advanced past an insert, and the baseline was taken then. The slot
     * moved with nothing decoded (read as recreated), the window was quiet, so the gap before the baseline passed
     * unseen; the offset short of where the slot stood at the baseline shows it.
     */
    @Test
    void aReaderBehindItsSlotAtTheBaselineIsNoAllClear() {
        Judgement j = judged(s -> {
            s.upgrade(true);
            s.createSlot();
            s.restart();
            s.insert(ORDERS, 1);
            s.advanceSlot();
            s.readerConsume();
            s.saveBaseline();
            s.advanceSlot();
        });
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.LOSS_BEFORE_BASELINE);
        assertThat(j.verdict()).as("%s", j.report()).isEqualTo("RECOMMENDED");
        assertThat(j.verifyExit()).as("%s", j.report()).isEqualTo(1);
    }

    /**
     * Found by the long run (seed 20261243): a table removed from the publication after the baseline, written while
     * out, and added back before the verdict. snapshot-advice said REQUIRED for it, but verify exited 0: the table was
     * published again, and verify did not compare its membership row.
     */
    @Test
    void aTableRemovedAndAddedBackAfterTheBaselineFailsVerify() {
        assertLossIsReported(s -> {
            s.saveBaseline();
            s.publicationDropItems();
            s.readerStop();
            s.insert(PgScenario.ITEMS, 2);
            s.publicationAdd(PgScenario.ITEMS);
        });
    }

    /**
     * The harness's own rule: a change the reader had not read at the baseline but that its slot still held counts in
     * the window (the baseline saw it pending), and one already gone when the baseline was taken is counted apart.
     */
    @Test
    void aChangeStillInTheSlotAtTheBaselineCountsInTheWindow() {
        Judgement j = judged(s -> {
            s.readerStop();
            s.insert(ORDERS, 1);
            s.saveBaseline();
            s.dropSlot();
            s.createSlot();
        });
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.LOSS);
        assertThat(j.lostBefore()).as("%s", j.report()).isEmpty();
    }

    @Test
    void aChangeLostBeforeTheBaselineIsCountedApart() {
        Judgement j = judged(s -> {
            s.readerStop();
            s.upgrade(true);
            s.truncate(ORDERS);
            s.createSlot();
            s.readerConsume();
            s.saveBaseline();
        });
        assertThat(j.truth()).as("%s", j.report()).isEqualTo(Truth.LOSS_BEFORE_BASELINE);
        assertThat(j.lostBefore()).as("%s", j.report()).extracting(Change::toString)
                .containsExactly("public.orders[*] TRUNCATE");
    }

    private static void assertLossIsReported(Consumer<PgScenario> steps) {
        Judgement j = judged(steps);
        assertThat(j.truth()).as("%s", j.report()).isIn(Truth.LOSS, Truth.CANNOT_RESUME);
        assertThat(j.violations()).as("%s", j.report()).isEmpty();
    }

    private static Judgement judged(Consumer<PgScenario> steps) {
        assumeTrue(LocalCluster.unavailable().isEmpty(), () -> LocalCluster.unavailable().orElseThrow());
        try (PgScenario s = PgScenario.start()) {
            steps.accept(s);
            return s.judge();
        }
    }
}
