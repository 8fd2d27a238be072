package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.assertj.core.api.Assertions.assertThat;

/** Bad URLs and options are one-line exit-2 errors; an unreachable server is exit 3 within the selection timeout. */
class MongoBadInputTest {

    static {
        DriverLogging.quiet();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://localhost/db",
            "mongo://localhost:27017",
            "http://localhost:27017",
            "mongodb://",
            "mongodb://localhost:27017/?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:k8s",
            "mongodb://localhost:27017/?compressors=snappy",
            "mongodb://localhost:27017/?compressors=zstd",
            "mongodb://localhost:27017/?timeoutMS=0"})
    void refusedUrlsAreBadInput(String url) {
        CliRun.Result r = new CliRun().run("precheck", "--engine", "mongodb", "--url", url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreachableHostFailsWithinTheConnectTimeout() throws Exception {
        int port = Ports.unused();
        long start = System.nanoTime();

        CliRun.Result r = new CliRun().run("precheck", "--engine", "mongodb", "--url",
                "mongodb://cdc:hunter2pw@127.0.0.1:" + port + "/?replicaSet=rs0", "--connect-timeout", "1s");

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(seconds).isLessThan(6);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach", "within 1s").doesNotContain("hunter2pw");
    }

    /** The driver looks up a mongodb+srv name's DNS records while parsing; checking the URL must not. */
    @Test
    void anSrvNameThatDoesNotResolveIsAConnectionFailureNotABug() {
        String url = "mongodb+srv://cluster0.nowhere.invalid/";
        org.assertj.core.api.Assertions.assertThatCode(
                () -> new MongoInspector().validateUrl(url)).doesNotThrowAnyException();

        CliRun.Result r = new CliRun().run("precheck", "--engine", "mongodb", "--url", url, "--connect-timeout", "1s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void malformedCollectionIsBadInput() {
        try (MongoPeer peer = new MongoPeer(true)) {
            CliRun.Result r = new CliRun().run("precheck", "--engine", "mongodb", "--url", peer.url, "--collections", "orders");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("db.collection");
        }
    }

    @Test
    void malformedTargetVersionIsBadInput() {
        try (MongoPeer peer = new MongoPeer(true)) {
            CliRun.Result r = new CliRun().run("precheck", "--engine", "mongodb", "--url", peer.url, "--target-version", "latest");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().lines().count()).isEqualTo(1);
        }
    }
}
