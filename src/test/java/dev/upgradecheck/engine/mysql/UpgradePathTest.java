package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.value.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradePathTest {

    @ParameterizedTest
    @CsvSource({
            "MYSQL, 8.0.30, 8.0.36, MINOR, true",
            "MYSQL, 8.0.36, 8.0, MINOR, true",
            "MYSQL, 5.7.44, 8.0.36, MAJOR, true",
            "MYSQL, 5.7.44, 8.4.3, MAJOR, false",
            "MYSQL, 8.0.36, 8.4.3, MAJOR, true",
            "MYSQL, 8.0.36, 9.1.0, MAJOR, false",
            "MYSQL, 8.4.3, 9.1.0, MAJOR, true",
            "MYSQL, 8.4.3, 8.0.36, DOWNGRADE, false",
            "MYSQL, 8.4.3, 8.4.1, DOWNGRADE, true",
            "MYSQL, 8.4.3, 8.4.3, SAME, true",
            "MARIADB, 10.6.18, 10.11.9, MAJOR, true",
            "MARIADB, 10.11.5, 10.11.9, MINOR, true",
            "MARIADB, 10.11.9, 11.4.3, MAJOR, true"})
    void classifiesUpgrades(Flavour flavour, String from, String to, UpgradePath.Kind kind, boolean supported) {
        UpgradePath path = UpgradePath.of(flavour, Version.parse(from), Version.parse(to));

        assertThat(path.kind()).isEqualTo(kind);
        assertThat(path.supported()).isEqualTo(supported);
    }
}
