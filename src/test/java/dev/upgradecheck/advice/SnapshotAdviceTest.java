package dev.upgradecheck.advice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotAdviceTest {

    @Test
    void notNeededWithoutEvidenceBecomesRecommendedNamingWhatIsMissing() {
        SnapshotAdvice advice = SnapshotAdvice.builder()
                .overall(Verdict.NOT_NEEDED, "slot present")
                .tableUnaffected("public.orders", "still published")
                .missingEvidence("the connector's committed LSN is not known (give --connect-url)")
                .build();

        assertThat(advice.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(advice.reasons()).contains("the connector's committed LSN is not known (give --connect-url)");
        assertThat(advice.tables()).singleElement().satisfies(t -> {
            assertThat(t.verdict()).isEqualTo(Verdict.RECOMMENDED);
            assertThat(t.reasons()).contains("the connector's committed LSN is not known (give --connect-url)");
        });
    }

    @Test
    void withoutAnyWordOnWhatIsMissingTheGenericRequestIsGiven() {
        SnapshotAdvice advice = SnapshotAdvice.builder().overall(Verdict.NOT_NEEDED, "nothing fired").build();

        assertThat(advice.verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(advice.reasons()).contains(SnapshotAdvice.NO_EVIDENCE);
    }

    @Test
    void evidenceKeepsNotNeededAndIsReported() {
        SnapshotAdvice advice = SnapshotAdvice.builder()
                .overall(Verdict.NOT_NEEDED, "slot kept")
                .tableUnaffected("public.orders", "still published")
                .continuity("the connector's committed LSN 0/1A2B covers every change")
                .build();

        assertThat(advice.verdict()).isEqualTo(Verdict.NOT_NEEDED);
        assertThat(advice.tables()).singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.NOT_NEEDED));
        assertThat(advice.evidence()).containsExactly("the connector's committed LSN 0/1A2B covers every change");
    }

    @Test
    void aStrongerVerdictIsNeverWeakenedByTheRule() {
        SnapshotAdvice advice = SnapshotAdvice.builder()
                .table("public.orders", Verdict.REQUIRED, "slot dropped")
                .build();

        assertThat(advice.verdict()).isEqualTo(Verdict.REQUIRED);
        assertThat(advice.tables()).singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.REQUIRED));
    }

    @Test
    void aRecommendedIsSettledByReconcilingItsOpenTablesOnly() {
        SnapshotAdvice advice = SnapshotAdvice.builder()
                .table("public.orders", Verdict.REQUIRED, "slot dropped")
                .table("public.items", Verdict.RECOMMENDED, "offset unknown")
                .build();
        SnapshotAdvice open = SnapshotAdvice.builder()
                .overall(Verdict.RECOMMENDED, "no baseline")
                .build();

        assertThat(advice.settledByReconcile().next()).isNull();
        assertThat(SnapshotAdvice.builder().table("public.items", Verdict.RECOMMENDED, "offset unknown").build()
                .settledByReconcile().next()).contains("upgrade-check reconcile --keys --tables public.items,")
                .contains("IN_SYNC");
        assertThat(open.settledByReconcile().next()).contains("--tables <the captured tables>");
        assertThat(SnapshotAdvice.builder().table("public.\"Order Lines\"", Verdict.RECOMMENDED, "offset unknown")
                .build().settledByReconcile().next()).as("a name the shell would split is quoted")
                .contains("--tables 'public.\"Order Lines\"',");
        assertThat(SnapshotAdvice.builder().overall(Verdict.NOT_NEEDED, "slot kept").continuity("offset covers all")
                .build().settledByReconcile().next()).isNull();
    }
}
