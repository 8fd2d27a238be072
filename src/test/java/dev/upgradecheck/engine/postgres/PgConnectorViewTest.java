package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.advice.SnapshotAdvice;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.baseline.BaselineFile;
import dev.upgradecheck.check.CheckResult;
import dev.upgradecheck.check.CheckSelection;
import dev.upgradecheck.check.Status;
import dev.upgradecheck.engine.ConnectionSpec;
import dev.upgradecheck.engine.Inspection;
import dev.upgradecheck.engine.InspectionSession;
import dev.upgradecheck.engine.Secret;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.pipeline.DrainStatus;
import dev.upgradecheck.value.HumanDuration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's side of the pipeline on a real 17.x cluster: a Debezium PostgreSQL connector's committed offset
 * (built here in the documented shape, as Kafka Connect returns it) judged against the live slot, and drain
 * measured as "no decodable change pending", not "lag 0".
 */
class PgConnectorViewTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = PgServers.start(17, "logical");
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static InspectionSession open(String url) {
        HumanDuration tenSeconds = HumanDuration.parse("10s");
        return new PostgresInspector().open(new ConnectionSpec("postgres", url, "postgres", Secret.NONE, tenSeconds,
                tenSeconds));
    }

    private static String source(String db, String slot) {
        return PgServers.database(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "CREATE TABLE public.audit (id int)", "CREATE PUBLICATION " + db + "_pub FOR TABLE public.orders",
                "INSERT INTO public.orders SELECT generate_series(1, 5)",
                "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')",
                "INSERT INTO public.audit VALUES (1)");
    }

    private static Status status(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().status();
    }

    /**
     * Without a baseline an offset at the slot shows only that nothing is lost from now on: a slot dropped and
     * recreated while the connector was away, then read by it, looks the same. The regression test for the false
     * all-clear the scenario long run found (seed 20261201, "no baseline, restart + slot dropped"): replayed step by
     * step the real connector's timing rarely gives the same offset, so the rule is pinned here with the offset at
     * the slot.
     */
    @Test
    void withoutABaselineTheConnectorsOffsetAtTheSlotIsNoProofAndOneBeforeItIsAGap() throws Exception {
        String url = source("view_db", "view_slot");
        long confirmed = DebeziumAtSlot.confirmedFlush(url, "view_slot");
        Inspection at = new Inspection(TargetOptions.NONE, CheckSelection.ALL,
                DebeziumAtSlot.view("view_db", "view_slot", confirmed));
        Inspection before = new Inspection(TargetOptions.NONE, CheckSelection.ALL,
                DebeziumAtSlot.view("view_db", "view_slot", confirmed - 1));
        try (InspectionSession session = open(url)) {
            SnapshotAdvice continuous = session.adviseSnapshot(at, Optional.empty());
            SnapshotAdvice gap = session.adviseSnapshot(before, Optional.empty());
            List<CheckResult> good = session.connectorChecks(at.pipeline(), at);
            List<CheckResult> bad = session.connectorChecks(before.pipeline(), before);

            assertThat(continuous.verdict()).as(continuous.toString()).isEqualTo(Verdict.RECOMMENDED);
            assertThat(continuous.evidence()).isEmpty();
            assertThat(continuous.reasons()).anyMatch(r -> r.contains("nothing is lost from here on"))
                    .anyMatch(r -> r.contains("Give --baseline"));
            assertThat(gap.verdict()).as(gap.toString()).isEqualTo(Verdict.RECOMMENDED);
            assertThat(status(good, "connect.config")).as(good.toString()).isEqualTo(Status.PASS);
            assertThat(status(good, "connect.offset")).as(good.toString()).isEqualTo(Status.PASS);
            assertThat(status(bad, "connect.offset")).as(bad.toString()).isEqualTo(Status.FAIL);
        }
    }

    /**
     * Found by the scenario long run: the slot advanced past unread changes after the baseline while the reader was
     * stopped, then the reader read on, so its offset sits at the slot. A slot that moved is no proof of the window,
     * whatever the offset says.
     */
    @Test
    void aSlotAdvancedSinceTheBaselineIsNoProofWhateverTheConnectorsOffset(@TempDir Path dir) throws Exception {
        String url = source("moved_db", "moved_slot");
        Path file = dir.resolve("moved.json");
        assertThat(PgServers.cli("precheck", url, "--slot", "moved_slot", "--save-baseline", file.toString())
                .exitCode()).isZero();
        DebeziumAtSlot.intoBaseline(file, url, "moved_db", "moved_slot");
        // the change is skipped by the advance; a reader then decodes what follows (a peek counts as decoding)
        PgServers.sql(url, "INSERT INTO public.orders VALUES (100)",
                "SELECT pg_replication_slot_advance('moved_slot', pg_current_wal_lsn())",
                "INSERT INTO public.orders VALUES (101)",
                "SELECT count(*) FROM pg_logical_slot_peek_binary_changes('moved_slot', NULL, NULL, "
                        + "'proto_version', '1', 'publication_names', 'moved_db_pub')");
        Inspection readOn = new Inspection(TargetOptions.NONE, CheckSelection.ALL,
                DebeziumAtSlot.view("moved_db", "moved_slot", DebeziumAtSlot.confirmedFlush(url, "moved_slot")));
        try (InspectionSession session = open(url)) {
            SnapshotAdvice advice = session.adviseSnapshot(readOn, Optional.of(BaselineFile.read(file, "postgres")));

            assertThat(advice.verdict()).as(advice.toString()).isEqualTo(Verdict.RECOMMENDED);
            assertThat(advice.evidence()).isEmpty();
            assertThat(advice.reasons()).anyMatch(r -> r.contains("not proven the baseline's slot")
                    && r.contains("advanced by a reader, or recreated"));
        }
    }

    /**
     * Found by the scenario harness: a table taken out of the publication while the connector still lists it loses
     * every change without an error, and a baseline taken afterwards cannot show it; the connector's include lists
     * can.
     */
    @Test
    void aTableTheConnectorCapturesButThePublicationDoesNotIsRequired() throws Exception {
        String url = source("capture_db", "capture_slot");
        long confirmed = DebeziumAtSlot.confirmedFlush(url, "capture_slot");
        Inspection everyTable = new Inspection(TargetOptions.NONE, CheckSelection.ALL, DebeziumAtSlot.view(
                "capture_db", "capture_slot", confirmed, java.util.Map.of("table.include.list", "public\\..*")));
        Inspection ordersOnly = new Inspection(TargetOptions.NONE, CheckSelection.ALL, DebeziumAtSlot.view(
                "capture_db", "capture_slot", confirmed, java.util.Map.of("table.include.list", "PUBLIC.orders")));
        try (InspectionSession session = open(url)) {
            SnapshotAdvice advice = session.adviseSnapshot(everyTable, Optional.empty());
            List<CheckResult> missing = session.connectorChecks(everyTable.pipeline(), everyTable);
            SnapshotAdvice orders = session.adviseSnapshot(ordersOnly, Optional.empty());
            List<CheckResult> covered = session.connectorChecks(ordersOnly.pipeline(), ordersOnly);

            assertThat(advice.tables()).as(advice.toString()).contains(new dev.upgradecheck.advice.TableAdvice(
                    "public.audit", Verdict.REQUIRED, List.of("the connector's include lists capture it but "
                    + "publication capture_db_pub does not publish it: none of its changes are streamed; snapshot it "
                    + "after ALTER PUBLICATION \"capture_db_pub\" ADD TABLE \"public\".\"audit\"")));
            assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
            assertThat(status(missing, "connect.config")).as(missing.toString()).isEqualTo(Status.FAIL);
            assertThat(missing.toString()).contains("public.audit").contains("ALTER PUBLICATION \"capture_db_pub\" ADD "
                    + "TABLE \"public\".\"audit\"");
            assertThat(orders.tables()).as(orders.toString()).extracting(dev.upgradecheck.advice.TableAdvice::table)
                    .containsExactly("public.orders");
            assertThat(status(covered, "connect.config")).as(covered.toString()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void drainedMeansNoDecodableChangePendingEvenWithWalBehindTheSlot() throws Exception {
        String url = source("drain_db", "drain_slot");
        try (InspectionSession session = open(url)) {
            DrainStatus quiet = session.drainStatus(Optional.empty(), TargetOptions.NONE.with(PgOptions.SLOT, List.of("drain_slot")));
            assertThat(quiet.drained()).as(quiet.toString()).isTrue();
            assertThat(quiet.basis()).contains("server-side, weaker");
            assertThat(quiet.behind()).contains("0 decodable change(s)");
        }
        PgServers.sql(url, "INSERT INTO public.orders VALUES (6)");
        try (InspectionSession session = open(url)) {
            DrainStatus pending = session.drainStatus(Optional.empty(), TargetOptions.NONE.with(PgOptions.SLOT, List.of("drain_slot")));
            DrainStatus connector = session.drainStatus(Optional.of(DebeziumAtSlot.view("drain_db", "drain_slot",
                    DebeziumAtSlot.confirmedFlush(url, "drain_slot"))), TargetOptions.NONE);
            assertThat(pending.drained()).as(pending.toString()).isFalse();
            assertThat(pending.behind()).contains("1 decodable change(s)");
            assertThat(connector.drained()).as("the connector has not read the insert: " + connector).isFalse();
            assertThat(connector.basis()).contains("connector's committed offset");
        }
    }
}
