package dev.upgradecheck.engine.mysql;

import dev.upgradecheck.check.Status;
import dev.upgradecheck.value.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The authentication-plugin rule table, one row per version boundary MySQL documents. */
class AuthPluginRulesTest {

    @ParameterizedTest
    @CsvSource({
            "MYSQL, mysql_native_password, 5.7.44, PASS",
            "MYSQL, mysql_native_password, 8.0.33, PASS",
            "MYSQL, mysql_native_password, 8.0.34, WARN",
            "MYSQL, mysql_native_password, 8.4.0, FAIL",
            "MYSQL, mysql_native_password, 9.0.0, FAIL",
            "MYSQL, caching_sha2_password, 8.0.36, PASS",
            "MYSQL, caching_sha2_password, 9.4.0, PASS",
            "MYSQL, caching_sha2_password, 5.7.44, FAIL",
            "MYSQL, sha256_password, 8.0.15, PASS",
            "MYSQL, sha256_password, 8.0.16, WARN",
            "MYSQL, auth_socket, 8.4.0, WARN",
            "MARIADB, mysql_native_password, 11.4.3, PASS",
            "MARIADB, ed25519, 10.11.9, WARN"})
    void judgesThePluginByTheVersionItMustLogInTo(Flavour flavour, String plugin, String version, Status expected) {
        assertThat(AuthPluginCheck.judge(flavour, plugin, Version.parse(version)).status()).isEqualTo(expected);
    }
}
