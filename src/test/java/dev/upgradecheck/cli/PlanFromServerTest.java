package dev.upgradecheck.cli;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.engine.postgres.PgServers;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Columns;
import dev.upgradecheck.testing.MarkdownDoc;
import dev.upgradecheck.testing.PasswordLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbook planned against a live PostgreSQL (issue 15, item 15), as the on-call engineer pastes it: the
 * commands carry the real address and user but never the password, and step 9 adds to the publication only the
 * tables missing from it, which PostgreSQL then accepts as the runbook prints it.
 */
class PlanFromServerTest {

    private static final String PASSWORD = "Plan-s3cret";

    static EmbeddedPostgres pg;
    static String hostPortDb;

    @BeforeAll
    static void start() {
        pg = PgServers.start(16, "logical");
        PasswordLogins.require(pg, "cdc", PASSWORD);
        PgServers.sql(pg, "GRANT pg_monitor TO cdc",
                "CREATE TABLE public.orders (id int PRIMARY KEY)", "CREATE TABLE public.items (id int PRIMARY KEY)",
                "CREATE TABLE public.\"a|b`c\" (id int PRIMARY KEY)",
                "CREATE PUBLICATION cdc_pub FOR TABLE public.orders",
                "SELECT pg_create_logical_replication_slot('cdc_slot', 'pgoutput')");
        hostPortDb = "127.0.0.1:" + pg.getPort() + "/postgres";
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** The password inside the URL, as DBAs sometimes write it: it must not reach the runbook's commands. */
    private static CliRun.Result plan(String format) {
        return new CliRun().run("plan", "--url", "jdbc:postgresql://cdc:" + PASSWORD + "@" + hostPortDb,
                "--to", "17", "--tables", "public.orders,public.items,public.a|b`c", "--format", format);
    }

    private static List<FencedCodeBlock> blocks(String markdown) {
        return MarkdownDoc.parse(markdown).codeBlocks();
    }

    private static String blockWith(List<FencedCodeBlock> blocks, String text) {
        return blocks.stream().map(FencedCodeBlock::getLiteral).filter(b -> b.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no code block with " + text));
    }

    @Test
    void theCommandsNameTheRealSourceAndUserButNeverThePassword() {
        CliRun.Result md = plan("markdown");
        assertThat(md.exitCode()).as(md.toString()).isEqualTo(ExitCode.OK);
        assertThat(md.out() + md.err()).doesNotContain(PASSWORD).doesNotContain("****");
        assertThat(MarkdownDoc.parse(md.out()).headings().get(0)).contains(hostPortDb);

        String shell = String.join("\n", blocks(md.out()).stream().filter(b -> b.getInfo().equals("sh"))
                .map(FencedCodeBlock::getLiteral).toList()).replace(" \\\n", " ").replaceAll(" {2,}", " ");
        assertThat(shell).contains("upgrade-check precheck --engine postgres --url jdbc:postgresql://" + hostPortDb
                + " --user cdc --target-version 17");
        assertThat(shell).doesNotContain("<url>", "<user>");

        CliRun.Result text = plan("text");
        assertThat(text.out()).doesNotContain(PASSWORD);
        Columns.fit(text.out());
        assertThat(text.out().lines().findFirst().orElseThrow()).contains(hostPortDb);
    }

    @Test
    void stepNineAddsOnlyTheMissingTablesAndPostgresqlAcceptsItAsPrinted() {
        List<FencedCodeBlock> before = blocks(plan("markdown").out());
        String publication = blockWith(before, "ALTER PUBLICATION");
        assertThat(publication).contains("ADD TABLE \"public\".\"items\", \"public\".\"a|b`c\";")
                .doesNotContain("ADD TABLE \"public\".\"orders\"");

        // the block as printed, wrapped lines and comments included, and the lag query after it
        PgServers.sql(pg, publication, blockWith(before, "lag_bytes"));

        List<FencedCodeBlock> after = blocks(plan("markdown").out());
        assertThat(String.join("\n", after.stream().map(FencedCodeBlock::getLiteral).toList()))
                .doesNotContain("ALTER PUBLICATION").contains("every table is in \"cdc_pub\"");
        CliRun.Result json = plan("json");
        assertThat(json.out()).contains("a|b`c").doesNotContain(PASSWORD);
    }
}
