package dev.upgradecheck.engine.mongodb;

import dev.upgradecheck.engine.Platform;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.advice.Verdict;
import dev.upgradecheck.engine.TargetOptions;
import dev.upgradecheck.plan.PlanRequest;
import dev.upgradecheck.plan.Runbook;
import dev.upgradecheck.plan.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MongoRunbookTest {

    private static PlanRequest request(String from, String to, String platform) {
        return new PlanRequest(from, to, Platform.parse(platform), null, TargetOptions.NONE);
    }

    @Test
    void majorUpgradeUpgradesSecondariesFirstStopsTheSourceAndRaisesFcvWithConfirm() {
        Runbook runbook = MongoRunbook.plan(request("6.0", "7.0", "self-hosted"));

        assertThat(runbook.steps()).extracting(Step::title).containsSubsequence(
                "Let the CDC source catch up, then stop it",
                "Upgrade the secondaries, one at a time",
                "Step the primary down, then upgrade it",
                "Verify the pipeline can resume",
                "Raise the feature compatibility version");
        assertThat(runbook.steps()).flatExtracting(Step::statements).contains(
                "db.adminCommand({setFeatureCompatibilityVersion: \"6.0\"})",
                "rs.stepDown()",
                "db.adminCommand({setFeatureCompatibilityVersion: \"7.0\", confirm: true})");
    }

    @Test
    void jumpOverASeriesInstallsEachSeriesAndRaisesTheFcvInBetween() {
        Runbook runbook = MongoRunbook.plan(request("6.0", "8.0", "self-hosted"));

        assertThat(runbook.steps()).extracting(Step::title).containsSubsequence(
                "Confirm the feature compatibility version equals the running series",
                "Let the CDC source catch up, then stop it",
                "Upgrade the secondaries to 7.0, one at a time",
                "Step the primary down, then upgrade it to 7.0",
                "Raise the feature compatibility version to 7.0",
                "Upgrade the secondaries to 8.0, one at a time",
                "Step the primary down, then upgrade it to 8.0",
                "Verify the pipeline can resume",
                "Raise the feature compatibility version");
        // 8.0 binaries refuse to start on FCV 6.0: nothing may tell the DBA to install them before FCV 7.0
        assertThat(runbook.steps()).filteredOn(s -> s.title().startsWith("Confirm the feature compatibility"))
                .singleElement().satisfies(s -> assertThat(s.detail()).contains("The 7.0 binaries start only on FCV 6.0"));
        assertThat(runbook.steps()).flatExtracting(Step::statements).containsSubsequence(
                "db.adminCommand({setFeatureCompatibilityVersion: \"6.0\"})",
                "db.adminCommand({setFeatureCompatibilityVersion: \"7.0\", confirm: true})",
                "db.adminCommand({setFeatureCompatibilityVersion: \"8.0\", confirm: true})");
    }

    @Test
    void unknownSeriesKeepPlaceholdersInsteadOfGuessingAnFcv() {
        Runbook runbook = MongoRunbook.plan(request(null, null, "self-hosted"));

        assertThat(runbook.steps()).flatExtracting(Step::statements).filteredOn(s -> s.contains("setFeatureCompatibilityVersion:"))
                .hasSize(2).allSatisfy(s -> assertThat(s).containsAnyOf("<current series>", "<target series>")
                        .doesNotContainPattern("\"\\d"));
    }

    @Test
    void patchUpgradeKeepsTheSourceRunning() {
        Runbook runbook = MongoRunbook.plan(request("7.0.4", "7.0.12", "self-hosted"));

        assertThat(runbook.steps()).extracting(Step::title).contains("Keep the CDC source running")
                .doesNotContain("Let the CDC source catch up, then stop it");
    }

    @Test
    void skippedSeriesAreNamedInTheNotes() {
        Runbook runbook = MongoRunbook.plan(request("5.0", "7.0", "self-hosted"));

        assertThat(runbook.notes()).anySatisfy(n -> assertThat(n).contains("5.0 -> 6.0 -> 7.0"));
    }

    @Test
    void atlasLetsAtlasRollAndSaysSo() {
        Runbook runbook = MongoRunbook.plan(request("6.0", "7.0", "atlas"));

        assertThat(runbook.steps()).extracting(Step::title).contains("Start the upgrade in Atlas")
                .doesNotContain("Step the primary down, then upgrade it");
        assertThat(runbook.notes()).anySatisfy(n -> assertThat(n).contains("Atlas"));
    }

    @Test
    void planRunsOfflineFromTheCommandLine() {
        CliRun.Result r = new CliRun().run("plan", "--engine", "mongodb", "--from", "6.0", "--to", "7.0");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("rs.stepDown()", "confirm: true");
    }

    @Test
    void offlineAdviceFollowsTheSeriesChange() {
        assertThat(MongoSnapshotRules.offline(request("6.0.3", "6.0.14", "self-hosted")).verdict()).isEqualTo(Verdict.NOT_NEEDED);
        assertThat(MongoSnapshotRules.offline(request("6.0", "7.0", "self-hosted")).verdict()).isEqualTo(Verdict.RECOMMENDED);
        assertThat(MongoSnapshotRules.offline(request(null, null, "self-hosted")).verdict()).isEqualTo(Verdict.RECOMMENDED);
    }

    @Test
    void atlasHostsAreDetected() {
        assertThat(MongoUri.isAtlas(MongoUri.parse("mongodb+srv://cluster0.ab1cd.mongodb.net/"))).isTrue();
        assertThat(MongoUri.isAtlas(MongoUri.parse("mongodb://db1.internal:27017,db2.internal:27017/?replicaSet=rs0"))).isFalse();
    }

    @Test
    void shellStringsAreQuoted() {
        assertThat(Shell.str("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
        assertThat(Shell.grantRole(new MongoUser("o\"brien", "admin"), "read", "local"))
                .isEqualTo("db.getSiblingDB(\"admin\").grantRolesToUser(\"o\\\"brien\", [{role: \"read\", db: \"local\"}])");
    }
}
