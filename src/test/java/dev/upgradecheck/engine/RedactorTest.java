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
    void aUrlShownToBePastedLosesItsCredentialsButKeepsEverythingElse() {
        assertThat(Redactor.withoutCredentials("jdbc:postgresql://db:5432/orders?password=hunter22&sslmode=require"))
                .isEqualTo(new Redactor.Credentialless("jdbc:postgresql://db:5432/orders?sslmode=require", null));
        assertThat(Redactor.withoutCredentials("jdbc:postgresql://db/orders?user=cdc&password=hunter22").url())
                .isEqualTo("jdbc:postgresql://db/orders?user=cdc");
        assertThat(Redactor.withoutCredentials("jdbc:postgresql://cdc:p%40ss@db:5432/orders"))
                .isEqualTo(new Redactor.Credentialless("jdbc:postgresql://db:5432/orders", "cdc"));
        assertThat(Redactor.withoutCredentials("jdbc:sqlserver://db;databaseName=shop;password={a;b};encrypt=true").url())
                .isEqualTo("jdbc:sqlserver://db;databaseName=shop;encrypt=true");
        assertThat(Redactor.withoutCredentials("jdbc:oracle:thin:scott/tiger@db:1521/ORCL"))
                .isEqualTo(new Redactor.Credentialless("jdbc:oracle:thin:@db:1521/ORCL", "scott"));
        assertThat(Redactor.withoutCredentials("mongodb://cdc:s3cret@db1:27017/?replicaSet=rs0"))
                .isEqualTo(new Redactor.Credentialless("mongodb://db1:27017/?replicaSet=rs0", "cdc"));
    }

    @Test
    void secretPrintsMasked() {
        assertThat(Secret.of("abc").toString()).isEqualTo("****");
        assertThat(new ConnectionSpec("x", "u", "me", Secret.of("abc"), null, null).toString()).doesNotContain("abc");
    }
}
