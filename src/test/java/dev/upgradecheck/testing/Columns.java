package dev.upgradecheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** The width a document printed for people must fit. */
public final class Columns {

    private Columns() {
    }

    /** Every line within 100 columns, but for a single word longer than that (a long quoted value), kept whole. */
    public static void fit(String document) {
        assertThat(document.lines()).allSatisfy(l -> assertThat(l.length() <= 100 || !l.strip().contains(" "))
                .as("%s (%d columns)", l, l.length()).isTrue());
    }
}
