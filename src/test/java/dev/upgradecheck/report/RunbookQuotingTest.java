package dev.upgradecheck.report;

import dev.upgradecheck.ExitCode;
import dev.upgradecheck.testing.CliRun;
import dev.upgradecheck.testing.MarkdownDoc;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A name with a pipe or a backquote survives the runbook in every format (issue 15, item 15). */
class RunbookQuotingTest {

    private static final List<String> PLAN = List.of("plan", "--engine", "postgres", "--from", "14", "--to", "16",
            "--tables", "public.a|b,public.x`y", "--publication", "p```q");

    private static CliRun.Result plan(String format) {
        List<String> args = new java.util.ArrayList<>(PLAN);
        args.addAll(List.of("--format", format));
        return new CliRun().run(args);
    }

    @Test
    void markdownCodeBlocksHoldTheQuotedNamesExactly() {
        CliRun.Result md = plan("markdown");
        assertThat(md.exitCode()).as(md.toString()).isEqualTo(ExitCode.OK);
        String code = String.join("\n", MarkdownDoc.parse(md.out()).codeBlocks().stream()
                .map(org.commonmark.node.FencedCodeBlock::getLiteral).toList());
        assertThat(code).contains("\"public\".\"a|b\"", "\"public\".\"x`y\"", "\"p```q\"");
    }

    @Test
    void textAndJsonHoldThemToo() {
        assertThat(plan("text").out()).contains("\"public\".\"a|b\"", "\"public\".\"x`y\"", "\"p```q\"");
        assertThat(plan("json").json().toString()).contains("a|b", "x`y", "p```q");
    }
}
