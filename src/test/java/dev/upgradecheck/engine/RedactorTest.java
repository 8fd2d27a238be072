package dev.upgradecheck.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void masksThePasswordWhereverItAppears() {
        Redactor r = Redactor.of(Secret.of("s3cr3t!pw"));
        assertThat(r.redact("FATAL: password s3cr3t!pw rejected")).isEqualTo("FATAL: password **** rejected");
        assertThat(r.redact("url-encoded s3cr3t%21pw too")).doesNotContain("s3cr3t");
    }

    @Test
    void masksPasswordsWrittenInsideUrls() {
        String url = "jdbc:postgresql://db:5432/orders?user=cdc&password=hunter22&ssl=true";
        Redactor r = Redactor.forUrl(url);
        assertThat(r.redact("cannot connect to " + url)).doesNotContain("hunter22").contains("password=****");
        assertThat(r.redact("the driver said: hunter22")).doesNotContain("hunter22");

        String mongo = "mongodb://cdc:p%40ss@db1:27017/?replicaSet=rs0";
        assertThat(Redactor.forUrl(mongo).redact("failed " + mongo + " p@ss")).doesNotContain("p%40ss", "p@ss");
    }

    @Test
    void leavesWordsThatOnlyLookLikePasswordParametersAlone() {
        Redactor r = Redactor.forUrl("jdbc:mysql://db/x", Secret.of("abc"));
        assertThat(r.redact("set mysql-native-password=ON")).isEqualTo("set mysql-native-password=ON");
        assertThat(r.redact("ConnectException: abc is too short to mask")).contains("ConnectException");
    }

    @Test
    void secretPrintsMasked() {
        assertThat(Secret.of("abc").toString()).isEqualTo("****");
        assertThat(new ConnectionSpec("x", "u", "me", Secret.of("abc"), null, null).toString()).doesNotContain("abc");
    }
}
