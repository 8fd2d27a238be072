package dev.upgradecheck.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckSelectionTest {

    @Test
    void prefixesMatchWholeIdSegments() {
        CheckSelection only = new CheckSelection(List.of("pg.slot"), List.of());
        assertThat(only.includes("pg.slot")).isTrue();
        assertThat(only.includes("pg.slot.active")).isTrue();
        assertThat(only.includes("pg.slots_capacity")).isFalse();
        assertThat(only.includes("pg.wal_level")).isFalse();
    }

    @Test
    void skipWinsOverOnly() {
        CheckSelection selection = new CheckSelection(List.of("pg"), List.of("pg.slot.lag"));
        assertThat(selection.includes("pg.wal_level")).isTrue();
        assertThat(selection.includes("pg.slot.lag")).isFalse();
    }

    @Test
    void emptySelectionRunsEverything() {
        assertThat(CheckSelection.ALL.includes("anything.at.all")).isTrue();
    }
}
