package dev.upgradecheck.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The man pages the build writes (issue 15, item 13): one per command, with the options the help shows. */
class ManPageTest {

    @Test
    void everyCommandGetsAPageWithItsOwnOptionsAndTheExitCodes(@TempDir Path dir) throws Exception {
        assertThat(ManPage.write(dir.toFile())).isZero();

        for (String command : new String[] {"precheck", "plan", "drain", "verify", "snapshot-advice", "reconcile",
                "canary", "completion"}) {
            Path page = dir.resolve("upgrade-check-" + command + ".adoc");
            assertThat(page).exists();
            assertThat(Files.readString(page)).contains(":doctype: manpage", "Exit codes", "upgrade-check " + command);
        }
        assertThat(Files.readString(dir.resolve("upgrade-check.adoc"))).contains("precheck", "snapshot-advice");
        String plan = Files.readString(dir.resolve("upgrade-check-plan.adoc"));
        assertThat(plan).contains("--to", "--slot", "--connect-url").doesNotContain("--max-lag", "--target-version");
        assertThat(Files.readString(dir.resolve("upgrade-check-precheck.adoc")))
                .contains("--save-baseline", "--target-version", "--max-lag");
    }
}
