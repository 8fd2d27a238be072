package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.engine.postgres.PostgresBaseline.SlotRecord;
import dev.upgradecheck.engine.postgres.PostgresBaseline.TableRecord;
import dev.upgradecheck.engine.postgres.PgCatalog.Publication;
import dev.upgradecheck.engine.postgres.PgCatalog.Slot;
import dev.upgradecheck.engine.postgres.PgCatalog.SlotStats;
import dev.upgradecheck.engine.postgres.PgCatalog.Table;
import dev.upgradecheck.engine.postgres.PgCatalog.TableState;

import java.util.Map;
import java.util.Optional;

/**
 * The one exception for a replaced slot: nothing was lost for a table when the old slot had read everything
 * decodable (drained), nothing ran on the old cluster after the baseline (proven, not assumed), and every write
 * to the table since then is in the new slot's stream (so writes after the new slot existed never count
 * against it). Each step says what it rests on; a step that cannot be proven makes the answer RECOMMENDED.
 */
final class QuietWindow {

    /** The answer for one table: a verdict, why, and whether it is positive evidence of continuity. */
    record Answer(Verdict verdict, String reason) {
        boolean proven() {
            return verdict == Verdict.NOT_NEEDED;
        }
    }

    private final PgContext c;
    private final SlotFate fate;
    private final boolean newCluster;
    private final Optional<PgCatalog.Pending> pending;

    QuietWindow(PgContext c, SlotFate fate) throws Exception {
        this.c = c;
        this.fate = fate;
        this.newCluster = BaselineChecks.newCluster(c);
        Slot live = fate.live();
        // no slot yet: nothing is in a stream, every write since counts
        this.pending = live == null ? Optional.of(new PgCatalog.Pending(Map.of(), null)) : c.catalog().pendingChanges(live,
                c.publications().stream().map(Publication::name).toList());
    }

    Answer judge(String table) throws Exception {
        SlotRecord r = fate.recorded();
        String what = "slot " + r.name() + " was " + switch (fate.kind()) {
            case MISSING -> "dropped";
            case INVALID -> "invalidated";
            default -> "recreated";
        } + " (" + fate.evidence() + ")";
        if (fate.kind() == SlotFate.Kind.INVALID) {
            return new Answer(Verdict.REQUIRED, what + ": the WAL it still needed is gone");
        }
        Optional<String> drained = r.drained(c.baselineOffset(r.name()));
        if (drained.isEmpty()) {
            if (r.pendingOnlyBeforeConfirmed()) {
                return new Answer(Verdict.RECOMMENDED, what + "; at the baseline it still returned " + r.pendingChanges()
                        + " change(s), all at or before its confirmed position " + r.confirmedFlushLsn() + ": a reader "
                        + "that confirms inside its last transaction (Debezium does) has them, another may not; the "
                        + "connector's offset saved with the baseline (precheck --save-baseline --connect-url, or "
                        + "--debezium-config for Debezium Server or an embedded engine) or heartbeat.interval.ms would "
                        + "tell");
            }
            if (r.pendingChanges() != null) {
                return new Answer(Verdict.REQUIRED, what + "; at the baseline it still held " + r.pendingChanges()
                        + " unread change(s) for the published tables, which no new slot streams");
            }
            return new Answer(Verdict.RECOMMENDED, what + "; at the baseline it was " + Bytes.show(r.lagBytes() == null
                    ? 0 : r.lagBytes()) + " behind and its pending changes could not be counted (an active slot, or "
                    + "not pgoutput): take the baseline with the reader stopped so they can be peeked, or drain first");
        }
        Optional<Answer> old = oldClusterAfterBaseline(what);
        if (old.isPresent()) {
            return old.get();
        }
        return writesBeforeTheNewSlot(table, what, drained.get());
    }

    /** Whether anything could have been written after the baseline on the old slot's cluster, before it ended. */
    private Optional<Answer> oldClusterAfterBaseline(String what) throws Exception {
        if (!newCluster) {
            return Optional.empty(); // same cluster: every write since the baseline is counted below
        }
        PostgresBaseline b = c.baseline();
        PgCatalog.Identity now = c.catalog().identity();
        if (c.server().major() == b.major()) {
            return Optional.of(new Answer(Verdict.RECOMMENDED, what + "; a new cluster not made by pg_upgrade: nothing "
                    + "proves that no transaction ran on the old one after the baseline"));
        }
        if (b.nextXid() == null || now.template0FrozenXid() == null) {
            return Optional.of(new Answer(Verdict.RECOMMENDED, what + "; the baseline has no next transaction id "
                    + "(saved by an older upgrade-check), so nothing proves that it was the old cluster's final "
                    + "position: save the baseline right before the shutdown with this version"));
        }
        long before = b.nextXid() & 0xFFFFFFFFL;
        if (before != now.template0FrozenXid()) {
            return Optional.of(new Answer(Verdict.REQUIRED, what + "; transactions ran on the old cluster after the "
                    + "baseline (next transaction id " + before + " at the baseline, " + now.template0FrozenXid()
                    + " at its shutdown, carried over by pg_upgrade): what they wrote was never read"));
        }
        return Optional.empty();
    }

    /**
     * Writes since the baseline (same cluster: counter growth; new cluster: every write since it started, as
     * pg_upgrade starts the statistics empty), plus one for a TRUNCATE or rewrite (new file node), against the
     * changes for the table that the new slot still holds.
     */
    private Answer writesBeforeTheNewSlot(String table, String what, String drained) throws Exception {
        Optional<TableRecord> recorded = c.baseline().table(table);
        TableState live = c.catalog().publishedTableStates().get(table(table));
        if (recorded.isEmpty() || live == null) {
            return new Answer(Verdict.RECOMMENDED, what + "; the baseline did not record this table's write "
                    + "counter and file node (older baseline, or the table was not published then)");
        }
        long writes = newCluster ? live.writes() : live.writes() - recorded.get().writes();
        if (writes < 0) {
            return new Answer(Verdict.RECOMMENDED, what + "; the table's statistics were reset or lost (a crash, "
                    + "pg_stat_reset) since the baseline, so its writes since cannot be counted");
        }
        boolean rewritten = !java.util.Objects.equals(recorded.get().fileNodes(), live.fileNodes());
        long counted = writes + (rewritten ? 1 : 0);
        String since = newCluster ? "since the new cluster started" : "since the baseline";
        String finalPosition = newCluster ? "; nothing ran on the old cluster after the baseline (template0's "
                + "datfrozenxid after pg_upgrade equals the baseline's next transaction id)" : "";
        if (counted == 0 && !newCluster) {
            return sameClusterByTransactionIds(what, drained, "the table's statistics show no write since the "
                    + "baseline");
        }
        if (counted == 0) {
            return new Answer(Verdict.NOT_NEEDED, what + ", but it was drained at the baseline ("
                    + drained + ")" + finalPosition + " and the table has had no write " + since
                    + " (pg_stat_all_tables, partitions included; same file node)"
                    + (fate.kind() == SlotFate.Kind.MISSING ? ": create the slot before writes resume" : ""));
        }
        String counts = writes + " row write(s)" + (rewritten ? " and a TRUNCATE or rewrite (file node "
                + recorded.get().fileNodes() + " -> " + live.fileNodes() + ")" : "") + " " + since;
        if (pending.isEmpty()) {
            return new Answer(Verdict.RECOMMENDED, what + "; " + counts + ", and the new slot is in use (or not "
                    + "pgoutput) so the changes it holds cannot be counted: stop the reader and ask again, to tell "
                    + "writes before the new slot from writes after it");
        }
        long inStream = pending.get().perRelation().getOrDefault(live.relid(), 0L);
        if (counted <= inStream && !newCluster) {
            return sameClusterByTransactionIds(what, drained, "the statistics count " + counts + ", all of them "
                    + "in the new slot's stream (" + inStream + " pending change(s) peeked)");
        }
        if (counted <= inStream) {
            return new Answer(Verdict.NOT_NEEDED, what + ", but it was drained at the baseline ("
                    + drained + ")" + finalPosition + " and all " + counts + " are in the new "
                    + "slot's stream (" + inStream + " pending change(s) peeked): none came before it existed");
        }
        SlotStats stats = fate.live() == null ? null : c.catalog().slotStats().get(fate.live().name());
        if (stats != null && stats.totalTxns() > 0) {
            return new Answer(Verdict.RECOMMENDED, what + "; " + counts + " but only " + inStream + " change(s) "
                    + "still pending in the new slot, which has already been read from: the connector's offset "
                    + "(--connect-url) or a stopped reader before the next write would tell them apart");
        }
        return new Answer(Verdict.REQUIRED, what + "; " + counts + " but only " + inStream + " in the new slot's "
                + "stream: the others were written before it existed and are not in it");
    }

    /**
     * Same cluster: counters lag (a session's last writes reach them a moment later; on PostgreSQL 14 an idle
     * session's only with its next statement) and reset, so they never prove that nothing was written while no slot
     * held the changes (the scenario long run found a false all-clear both with no slot and with a recreated one).
     * Transaction ids do: every write assigns one, and the next one still equal to the baseline's means nothing was
     * written anywhere on the cluster since. After pg_upgrade no such id exists (its schema restore runs
     * transactions of its own), and the counters, which start empty there, still decide: a known weakness.
     */
    private Answer sameClusterByTransactionIds(String what, String drained, String counters) throws Exception {
        Optional<String> since = c.transactionsSinceBaseline();
        if (since.isEmpty()) {
            return new Answer(Verdict.NOT_NEEDED, what + ", but it was drained at the baseline (" + drained + ") "
                    + "and no transaction id was assigned on the cluster since (the next one is still "
                    + c.baseline().nextXid() + "): nothing was written"
                    + (fate.live() == null ? ". Create the slot before writes resume" : ""));
        }
        return new Answer(Verdict.RECOMMENDED, what + "; " + counters + ", but statistics lag and reset, and "
                + since.get() + ", so nothing proves that none of them wrote to it before the new slot existed: "
                + "reconcile the table with the destination, or ask right after the slot is created, before writes "
                + "resume");
    }

    static Table table(String qualified) {
        int dot = qualified.indexOf('.');
        return new Table(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
