package dev.upgradecheck.engine.postgres;

import dev.upgradecheck.testing.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What works without a server: URL validation, runbooks, offline snapshot advice. */
class PostgresOfflineTest {

    @Test
    void urlParametersThatLoadClassesOrFilesAreRefusedWithExitTwo() {
        for (String param : new String[] {"socketFactory=x.Y", "socketFactoryArg=a", "sslfactory=x.Y",
                "SSLFACTORY=x.Y", "sslfactoryarg=a", "sslhostnameverifier=x.Y", "sslpasswordcallback=x.Y",
                "authenticationPluginClassName=x.Y", "loggerFile=/tmp/x", "loggerLevel=DEBUG", "xmlFactoryFactory=x.Y",
                "service=evil"}) {
            CliRun.Result run = new CliRun().run("precheck", "--engine", "postgres", "--url",
                    "jdbc:postgresql://localhost:1/db?ssl=false&" + param);
            assertThat(run.exitCode()).as(param).isEqualTo(2);
            assertThat(run.err()).as(param).contains("refused").hasLineCount(1);
        }
    }

    @Test
    void malformedAndForeignUrlsAreExitTwo() {
        assertThat(new CliRun().run("precheck", "--engine", "postgres", "--url", "jdbc:mysql://h/db").exitCode()).isEqualTo(2);
        CliRun.Result bad = new CliRun().run("precheck", "--engine", "postgres", "--url", "jdbc:postgresql://h:notaport/db");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).hasLineCount(1);
        // pgjdbc's own parser throws on an empty host list: still bad input, not an internal error
        CliRun.Result emptyHosts = new CliRun().run("precheck", "--engine", "postgres", "--url", "jdbc:postgresql://,/");
        assertThat(emptyHosts.exitCode()).as(emptyHosts.toString()).isEqualTo(2);
    }

    @Test
    void majorPlanBefore17RecreatesSlotAndPublicationWithQuotedNames() {
        CliRun.Result plan = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--slot", "x'); DROP TABLE t; --", "--publication", "pub\"; DROP TABLE t; --",
                "--tables", "public.orders,sales.Line Items");

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.unwrapped())
                .contains("SELECT pg_create_logical_replication_slot('x''); DROP TABLE t; --', 'pgoutput');")
                .contains("CREATE PUBLICATION \"pub\"\"; DROP TABLE t; --\" FOR TABLE \"public\".\"orders\", \"sales\".\"Line Items\";")
                .contains("ALTER PUBLICATION \"pub\"\"; DROP TABLE t; --\" ADD TABLE")
                .contains("SHOW wal_level;")
                .contains("upgrade-check reconcile --engine postgres --url <url> --user <user> --dest-url <dest-url> "
                        + "--tables 'public.orders,sales.Line Items' --keys")
                .contains("CREATE TABLE \"public\".\"upgrade_check_canary\" (marker varchar(64) PRIMARY KEY, "
                        + "written_at timestamptz NOT NULL);")
                .contains("GRANT SELECT, INSERT, DELETE ON \"public\".\"upgrade_check_canary\" TO \"upgrade_check\";")
                .contains("upgrade-check canary --engine postgres --url <url> --user <user> --table "
                        + "public.upgrade_check_canary")
                .contains("24-48 hours")
                .doesNotContain("slot_name IN ('x'); DROP");
    }

    @Test
    void planFrom17ChecksSlotMigrationPreconditions() {
        CliRun.Result plan = new CliRun().run("plan", "--engine", "postgres", "--from", "17", "--to", "18", "--slot", "s",
                "--publication", "p", "--format", "json");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("invalidation_reason").contains("max_replication_slots")
                .contains("pg_upgrade --old-bindir").doesNotContain("pg_create_logical_replication_slot('s'");
    }

    @Test
    void rdsAndAuroraPlansCarryTheirNotes() {
        CliRun.Result rds = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16", "--platform", "rds");
        CliRun.Result aurora = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16", "--platform", "aurora");
        assertThat(rds.out()).contains("rds.logical_replication = 1").contains("aws rds modify-db-instance");
        assertThat(aurora.out()).contains("writer").contains("aws rds modify-db-cluster");
    }

    @Test
    void minorPlanKeepsSlots() {
        CliRun.Result plan = new CliRun().run("plan", "--engine", "postgres", "--from", "16.2", "--to", "16.6", "--slot", "s",
                "--publication", "p");
        assertThat(plan.out()).contains("minor").doesNotContain("pg_create_logical_replication_slot");
    }

    @Test
    void planWithoutVersionsIsExitTwo() {
        assertThat(new CliRun().run("plan", "--engine", "postgres", "--to", "16").exitCode()).isEqualTo(2);
        assertThat(new CliRun().run("plan", "--engine", "postgres", "--from", "16", "--to", "14").exitCode()).isEqualTo(2);
    }

    @Test
    void offlineAdviceFollowsTheVersions() {
        CliRun.Result major = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "14", "--to", "16",
                "--tables", "public.a,public.b", "--format", "json");
        CliRun.Result from17 = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17", "--to", "18", "--format", "json");
        CliRun.Result minor = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "16.1", "--to", "16.4", "--format", "json");

        assertThat(major.exitCode()).isEqualTo(1);
        assertThat(major.table("public.a").get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(major.table("public.b").get("reasons").get(0).asText()).contains("dropped");
        assertThat(from17.json().get("verdict").asText()).isEqualTo("NOT_NEEDED");
        assertThat(minor.exitCode()).isZero();
        assertThat(minor.json().get("verdict").asText()).isEqualTo("NOT_NEEDED");
    }

    @Test
    void engineAliasIsAccepted() {
        assertThat(new CliRun().run("plan", "--engine", "postgresql", "--from", "15", "--to", "16").exitCode()).isZero();
    }

    @Test
    void platformsThatDropSlotsInAMajorUpgradeAreSaidSoInPlanAndAdvice() {
        CliRun.Result azure = new CliRun().run("plan", "--engine", "postgres", "--from", "17", "--to", "18",
                "--platform", "azure", "--slot", "cdc_slot");
        CliRun.Result rds = new CliRun().run("plan", "--engine", "postgres", "--from", "16", "--to", "17",
                "--platform", "rds", "--slot", "cdc_slot");
        CliRun.Result azureAdvice = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17",
                "--to", "18", "--platform", "azure", "--format", "json");
        CliRun.Result auroraAdvice = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17",
                "--to", "18", "--platform", "aurora", "--format", "json");

        assertThat(azure.out()).as(azure.toString()).contains("slots dropped")
                .contains("SELECT pg_drop_replication_slot('cdc_slot');");
        assertThat(rds.out()).contains("precheck refuses").contains("SELECT pg_drop_replication_slot('cdc_slot');");
        assertThat(azureAdvice.json().get("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(auroraAdvice.json().get("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(auroraAdvice.json().get("reasons").toString()).contains("unconsumed changes");
        assertThat(azureAdvice.json().has("next")).as("a REQUIRED is not argued with").isFalse();
    }

    @Test
    void aRecommendedNamesReconcileForItsTablesAsTheWayToSettleIt() {
        CliRun.Result json = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17", "--to", "18",
                "--platform", "aurora", "--tables", "public.a,public.b", "--format", "json");
        CliRun.Result text = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17", "--to", "18",
                "--platform", "aurora", "--tables", "public.a");
        CliRun.Result notNeeded = new CliRun().run("snapshot-advice", "--engine", "postgres", "--from", "17",
                "--to", "18", "--format", "json");

        assertThat(json.json().get("verdict").asText()).isEqualTo("RECOMMENDED");
        assertThat(json.json().get("next").asText()).contains("upgrade-check reconcile --keys --tables public.a,public.b,");
        assertThat(text.out()).as(text.toString()).contains("Next: RECOMMENDED means continuity is not proven")
                .contains("--tables public.a,");
        assertThat(notNeeded.json().has("next")).isFalse();
    }

    @Test
    void theRunbookDrainsByDecodableChangesAndResumesPerVerdict() {
        CliRun.Result plan = new CliRun().run("plan", "--engine", "postgres", "--from", "14", "--to", "16",
                "--tables", "public.orders");

        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("heartbeat.interval.ms").contains("upgrade-check drain")
                .contains("offset.mismatch.strategy=trust_slot").contains("snapshot.mode=when_needed")
                .contains("'{\"data-collections\":[\"public.orders\"],\"type\":\"incremental\"}'");
    }

    @Test
    void aMinorUpdateToAReleaseWithOutputPluginLibrariesSaysWhatToAddForAWal2jsonSlot() {
        CliRun.Result into = new CliRun().run("plan", "--engine", "postgres", "--from", "17.10", "--to", "17.11",
                "--plugin", "wal2json");
        CliRun.Result within = new CliRun().run("plan", "--engine", "postgres", "--from", "17.11", "--to", "17.12",
                "--plugin", "wal2json");
        CliRun.Result pgoutput = new CliRun().run("plan", "--engine", "postgres", "--from", "16.14", "--to", "16.15");

        assertThat(into.out()).as(into.toString())
                .contains("output_plugin_libraries = 'pgoutput, test_decoding, wal2json'");
        assertThat(within.out()).doesNotContain("output_plugin_libraries");
        assertThat(pgoutput.out()).doesNotContain("output_plugin_libraries");
    }
}
