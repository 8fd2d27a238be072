package dev.upgradecheck.engine;

import dev.upgradecheck.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformTest {

    @Test
    void parsesTheNamesUsersTypeInAnyCaseAndNoneAsSelfHosted() {
        assertThat(Platform.parse("RDS")).isEqualTo(Platform.RDS);
        assertThat(Platform.parse("self-hosted")).isEqualTo(Platform.SELF_HOSTED);
        assertThat(Platform.parse(null)).isEqualTo(Platform.SELF_HOSTED);
        assertThatThrownBy(() -> Platform.parse("heroku")).isInstanceOf(BadInputException.class)
                .hasMessage("unknown platform 'heroku': use self-hosted, rds, aurora, cloudsql, azure or atlas");
    }

    @Test
    void aPlatformThatDoesNotHostTheEngineIsBadInputNamingThoseThatDo() {
        assertThat(Platform.RDS.requireOneOf("Oracle", Platform.SELF_HOSTED, Platform.RDS)).isEqualTo(Platform.RDS);
        assertThatThrownBy(() -> Platform.ATLAS.requireOneOf("Oracle", Platform.SELF_HOSTED, Platform.RDS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("platform 'atlas' does not host Oracle: use self-hosted or rds");
    }
}
