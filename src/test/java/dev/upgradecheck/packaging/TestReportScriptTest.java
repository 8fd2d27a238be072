package dev.upgradecheck.packaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** .ci/test-report.py, the workflow's test summary and its "must not skip here" gate, on reports shaped as surefire writes them. */
class TestReportScriptTest {

    private static final Path SCRIPT = Path.of(".ci/test-report.py").toAbsolutePath();

    @TempDir
    Path reports;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void reportsOfAMixedClassAndASkippedOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 runs the workflow's report script");
        // jqwik and JUnit in one class: the header counts the last engine's run only (1 test), the testcases all 3
        Files.writeString(reports.resolve("TEST-dev.upgradecheck.baseline.BaselineFileTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.upgradecheck.baseline.BaselineFileTest" tests="1" errors="0" skipped="0" failures="0">
                  <testcase name="roundTrip" classname="dev.upgradecheck.baseline.BaselineFileTest" time="0.2"/>
                  <testcase name="corruptIsBadInput" classname="dev.upgradecheck.baseline.BaselineFileTest" time="0.1">
                    <failure message="expected 2">boom</failure>
                  </testcase>
                  <testcase name="anyTextNeverCrashes" classname="dev.upgradecheck.baseline.BaselineFileTest" time="1.0"/>
                </testsuite>
                """);
        Files.writeString(reports.resolve("TEST-dev.upgradecheck.engine.postgres.PgUpgradeTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="dev.upgradecheck.engine.postgres.PgUpgradeTest" tests="1" errors="0" skipped="1" failures="0">
                  <testcase name="slotIsGoneAfterPgUpgrade" classname="dev.upgradecheck.engine.postgres.PgUpgradeTest" time="0">
                    <skipped message="Debian's postgresql-15 is not installed"/>
                  </testcase>
                </testsuite>
                """);
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = reports.resolve("out.txt");
        Path err = reports.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void summaryCountsEveryTestcaseNotTheSuiteHeader() throws Exception {
        Run r = run("summary", reports.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("| dev.upgradecheck.baseline.BaselineFileTest | 3 | 1 | 0 | 0 |")
                .contains("| dev.upgradecheck.engine.postgres.PgUpgradeTest | 1 | 0 | 0 | 1 |")
                .contains("4 tests, 1 failures, 0 errors, 1 skipped");
    }

    @Test
    void requireFailsNamingASkippedTestAndAClassThatNeverRan() throws Exception {
        Run r = run("require", "PgUpgradeTest", "MysqlContainersTest", "--", reports.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("PgUpgradeTest: no test ran",
                "PgUpgradeTest: skipped slotIsGoneAfterPgUpgrade", "MysqlContainersTest: no test ran");
    }

    @Test
    void requirePassesWhenTheClassRanWithoutSkips() throws Exception {
        Run r = run("require", "BaselineFileTest", "--", reports.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
    }
}
