package dev.upgradecheck.safety;

import com.fasterxml.jackson.databind.JsonNode;
import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * canary through a real CDC path: a logical-replication subscription on a destination cluster copies the
 * source cluster's canary table. The source logs every statement, so the test sees exactly what was written.
 */
class CanaryTest {

    static final String CANARY = "CREATE TABLE public.%s (marker varchar(64) PRIMARY KEY, "
            + "written_at timestamptz NOT NULL)";

    static EmbeddedPostgres source;
    static EmbeddedPostgres destination;
    static PgServerLog log;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("uc-canary-log");
        source = PgServers.start(16, "logical", PgServerLog.settings(dir));
        destination = PgServers.start(16, "replica");
        PgServers.sql(source, CANARY.formatted("upgrade_check_canary"), CANARY.formatted("unreplicated"),
                CANARY.formatted("shared"), "INSERT INTO public.shared VALUES ('an application row', now())",
                "CREATE TABLE public.wide (marker varchar(64) PRIMARY KEY, written_at timestamptz NOT NULL, note text)",
                "CREATE PUBLICATION canary_pub FOR TABLE public.upgrade_check_canary");
        PgServers.sql(destination, CANARY.formatted("upgrade_check_canary"), CANARY.formatted("unreplicated"),
                "CREATE SUBSCRIPTION canary_sub CONNECTION 'host=localhost port=" + source.getPort()
                        + " dbname=postgres user=postgres' PUBLICATION canary_pub");
        log = new PgServerLog(source, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (destination != null) {
            PgServers.sql(destination, "DROP SUBSCRIPTION canary_sub");
            destination.close();
        }
        if (source != null) {
            source.close();
        }
    }

    static CliRun.Result canary(String table, String... more) {
        List<String> args = new ArrayList<>(List.of("canary", "--engine", "postgres", "--url", PgServers.url(source),
                "--user", "postgres", "--dest-url", PgServers.url(destination), "--dest-user", "postgres",
                "--table", table, "--format", "json"));
        args.addAll(List.of(more));
        return new CliRun().run(args);
    }

    /** What upgrade-check wrote at the source since the previous call, as the server logged it. */
    static List<String> writes() {
        return log.nextWrites();
    }

    static long rows(EmbeddedPostgres pg, String table) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void arrivesThroughTheSubscriptionWithItsLatencyAfterExactlyOneInsertAndOneDelete() throws Exception {
        writes();
        CliRun.Result r = canary("public.upgrade_check_canary", "--allow-write", "--timeout", "60s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.status("canary.arrival")).isEqualTo("PASS");
        assertThat(r.check("canary.arrival").get("observed").asText()).matches("arrived after \\d+ ms");
        assertExactlyOneInsertAndOneDelete(writes(), "upgrade_check_canary");
        assertThat(rows(source, "upgrade_check_canary")).isZero();
    }

    /** The canary's whole footprint at the source: its INSERT into {@code table}, then its DELETE, nothing else. */
    static void assertExactlyOneInsertAndOneDelete(List<String> written, String table) {
        String quoted = "\"PUBLIC\".\"" + table.toUpperCase(Locale.ROOT) + "\"";
        assertThat(written).hasSize(2);
        assertThat(written.get(0).toUpperCase(Locale.ROOT))
                .startsWith("INSERT INTO " + quoted + " (MARKER, WRITTEN_AT) VALUES ($1, $2)");
        assertThat(written.get(1).toUpperCase(Locale.ROOT)).startsWith("DELETE FROM " + quoted + " WHERE MARKER = $1");
    }

    @Test
    void doesNotArriveWhenNothingCopiesTheTableAndExitsOneWithinTheTimeout() throws Exception {
        writes();
        long started = System.nanoTime();
        CliRun.Result r = canary("public.unreplicated", "--allow-write", "--timeout", "2s");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.status("canary.arrival")).isEqualTo("FAIL");
        assertThat(seconds).as("bounded by --timeout").isLessThan(15);
        assertThat(writes()).hasSize(2);
        assertThat(rows(source, "unreplicated")).as("deleted at the source all the same").isZero();
    }

    @Test
    void writesNothingWithoutAllowWriteNorIntoATableThatIsNotACanaryTable() throws Exception {
        writes();
        CliRun.Result notAllowed = canary("public.upgrade_check_canary");
        CliRun.Result foreignRows = canary("public.shared", "--allow-write");
        CliRun.Result otherColumns = canary("public.wide", "--allow-write");

        assertThat(notAllowed.exitCode()).as(notAllowed.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notAllowed.err()).contains("--allow-write");
        assertThat(foreignRows.exitCode()).as(foreignRows.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(foreignRows.err()).contains("did not write");
        assertThat(otherColumns.exitCode()).as(otherColumns.toString()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(otherColumns.err()).contains("note");
        assertThat(writes()).isEmpty();
        assertThat(rows(source, "shared")).isEqualTo(1);
    }

    @Test
    void anInventoryRunsOneCanaryPerTargetEachToTheDestinationTableItsTableMapNames(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, """
                defaults:
                  engine: postgres
                  user: postgres
                  url: '%s'
                  destUrl: '%s'
                  destUser: postgres
                targets:
                  - {name: copied}
                  - {name: elsewhere, tableMap: {public.upgrade_check_canary: public.unreplicated}}
                """.formatted(PgServers.url(source), PgServers.url(destination)));
        writes();

        CliRun.Result r = new CliRun().run("canary", "--inventory", fleet.toString(), "--parallel", "1",
                "--table", "public.upgrade_check_canary", "--allow-write", "--timeout", "3s", "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode targets = r.json().get("targets");
        assertThat(targets.get(0).get("target").asText()).isEqualTo("copied");
        assertThat(CliRun.status(targets.get(0), "canary.arrival")).isEqualTo("PASS");
        assertThat(targets.get(1).get("target").asText()).isEqualTo("elsewhere");
        assertThat(CliRun.status(targets.get(1), "canary.arrival")).as("watched for in public.unreplicated")
                .isEqualTo("FAIL");
        assertThat(writes()).as("one INSERT and one DELETE per target").hasSize(4);
        assertThat(rows(source, "upgrade_check_canary")).isZero();
    }
}
