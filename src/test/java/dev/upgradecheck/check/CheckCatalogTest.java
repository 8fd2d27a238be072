package dev.upgradecheck.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCatalogTest {

    private final CheckCatalog catalog = new CheckCatalog(
            List.of("mysql.verify.gtid", "mysql.verify.reader", "mysql.gtid_mode"),
            Map.of("mysql.baseline.gtid", "mysql.verify.gtid", "mysql.baseline.reader", "mysql.verify.reader"));

    @Test
    void aFormerIdSelectsItsRenamedCheck() {
        CheckSelection current = catalog.current(new CheckSelection(List.of("mysql.baseline.gtid"), List.of()));

        assertThat(current.includes("mysql.verify.gtid")).isTrue();
        assertThat(current.includes("mysql.verify.reader")).isFalse();
        assertThat(current.includes("mysql.gtid_mode")).isFalse();
        assertThat(catalog.unmatched(new CheckSelection(List.of("mysql.baseline.gtid"), List.of()))).isEmpty();
    }

    @Test
    void aFormerPrefixSelectsEveryCheckRenamedFromUnderIt() {
        CheckSelection current = catalog.current(new CheckSelection(List.of(), List.of("mysql.baseline")));

        assertThat(current.includes("mysql.verify.gtid")).isFalse();
        assertThat(current.includes("mysql.verify.reader")).isFalse();
        assertThat(current.includes("mysql.gtid_mode")).isTrue();
        assertThat(catalog.renamedPatterns(new CheckSelection(List.of(), List.of("mysql.baseline"))))
                .containsExactly("mysql.baseline is now mysql.verify.gtid, mysql.verify.reader");
    }

    @Test
    void aPrefixOfBothCurrentAndFormerIdsKeepsSelectingWhatItSelectedBefore() {
        CheckCatalog mongo = new CheckCatalog(List.of("mongo.oplog.window", "mongo.verify.oplog"),
                Map.of("mongo.oplog.baseline", "mongo.verify.oplog"));
        CheckSelection given = new CheckSelection(List.of(), List.of("mongo.oplog"));

        CheckSelection current = mongo.current(given);
        assertThat(current.includes("mongo.oplog.window")).isFalse();
        assertThat(current.includes("mongo.verify.oplog")).isFalse();
        assertThat(mongo.renamedPatterns(given)).isEmpty();
    }

    @Test
    void aPatternMatchingNeitherACurrentNorAFormerIdIsUnmatched() {
        assertThat(catalog.unmatched(new CheckSelection(List.of("mysql.baseline.position"), List.of())))
                .containsExactly("mysql.baseline.position");
        assertThat(catalog.closest("mysql.baseline.position", 1)).doesNotContain("mysql.baseline.gtid");
    }
}
