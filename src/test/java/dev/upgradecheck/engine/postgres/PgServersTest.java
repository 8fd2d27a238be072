package dev.upgradecheck.engine.postgres;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL test servers come from zonky's binaries for this platform, or the test skips saying why. */
class PgServersTest {

    @Test
    void aPlatformWithoutBinariesSkipsWithTheReasonInsteadOfErroring() {
        String chosen = System.getProperty("pg.binaries.platform");
        System.setProperty("pg.binaries.platform", "none");
        try {
            assertThatThrownBy(() -> PgServers.start(16, "logical")).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("no PostgreSQL binaries for " + System.getProperty("os.name"))
                    .hasMessageContaining("linux-amd64, linux-arm64v8, darwin-amd64 and darwin-arm64v8");
        } finally {
            if (chosen == null) {
                System.clearProperty("pg.binaries.platform");
            } else {
                System.setProperty("pg.binaries.platform", chosen);
            }
        }
    }
}
