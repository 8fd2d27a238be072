package dev.upgradecheck.report;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.Columns;
import dev.upgradecheck.testing.MarkdownDoc;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every engine's offline runbook as the on-call engineer reads it (issue 15, item 15): each line of the text and
 * of the Markdown within 100 columns, statements included (only a single word longer than that, such as a long
 * quoted value, overhangs); each fenced block of one language; the placeholders visible once GitHub renders the
 * Markdown.
 */
class RunbookLayoutTest {

    private static CliRun.Result plan(String engine, String from, String to, String tables, String format) {
        List<String> args = new ArrayList<>(List.of("plan", "--engine", engine, "--from", from, "--to", to,
                "--format", format));
        if (!tables.isEmpty()) {
            args.addAll(List.of("--tables", tables));
        }
        CliRun.Result r = new CliRun().run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        return r;
    }

    @ParameterizedTest
    @CsvSource({"postgres,14,16", "postgres,16.1,16.4", "postgres,17,18", "mysql,5.7,8.0", "mysql,8.0,8.4",
            "mariadb,10.6,10.11", "oracle,19,23", "sqlserver,2019,2022", "mongodb,6.0,7.0"})
    void everyLineFitsAndEveryBlockHoldsOneLanguage(String engine, String from, String to) {
        for (String tables : List.of("", "public.orders,public.order_items_with_a_rather_long_name")) {
            Columns.fit(plan(engine, from, to, tables, "text").out());

            String markdown = plan(engine, from, to, tables, "markdown").out();
            Columns.fit(markdown);
            List<FencedCodeBlock> blocks = MarkdownDoc.parse(markdown).codeBlocks();
            assertThat(blocks).isNotEmpty().allSatisfy(b -> assertThat(b.getInfo()).isIn("sql", "sh", "javascript"));
            assertThat(blocks).filteredOn(b -> b.getInfo().equals("sh"))
                    .allSatisfy(b -> assertThat(b.getLiteral().lines())
                            .noneMatch(l -> l.matches("(?i)\\s*(SELECT|ALTER|CREATE|DROP|INSERT|SHOW) .*")));
        }
    }

    @ParameterizedTest
    @CsvSource({"postgres,14,16", "sqlserver,2019,2022", "mysql,8.0,8.4"})
    void placeholdersStayVisibleOnceRendered(String engine, String from, String to) {
        String text = plan(engine, from, to, "", "text").out();
        MarkdownDoc markdown = MarkdownDoc.parse(plan(engine, from, to, "", "markdown").out());
        String code = String.join("\n", markdown.codeBlocks().stream().map(FencedCodeBlock::getLiteral).toList());

        assertThat(code).contains("--url <url> --user <user>");
        assertThat(text).contains("--url <url> --user <user>");
        // every <placeholder> of the text output is still there once the Markdown is rendered, prose included
        List<String> placeholders = java.util.regex.Pattern.compile("<[a-z][a-z -]*>").matcher(text).results()
                .map(java.util.regex.MatchResult::group).distinct().toList();
        assertThat(placeholders).isNotEmpty();
        String rendered = markdown.text() + "\n" + code;
        assertThat(placeholders).allSatisfy(p -> assertThat(rendered).contains(p));
    }

    @org.junit.jupiter.api.Test
    void postgresNamesWhatItCannotKnowOfflineByVisiblePlaceholders() {
        String code = String.join("\n", MarkdownDoc.parse(plan("postgres", "14", "16", "public.orders,public.items",
                "markdown").out()).codeBlocks().stream().map(FencedCodeBlock::getLiteral).toList());
        assertThat(code).contains("ADD TABLE <schema>.<table>;").doesNotContain("ADD TABLE \"public\"")
                .contains("--tables public.orders,public.items")
                .contains("pg_create_logical_replication_slot(<slot>, 'pgoutput');", "CREATE PUBLICATION <publication> ")
                .doesNotContain("'cdc_slot'", "\"cdc_pub\"");
    }
}
