package dev.upgradecheck.report;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A runbook statement broken to fit means what it meant whole. */
class StatementWrapTest {

    private static final String COMMAND = "upgrade-check reconcile --engine postgres --url "
            + "'jdbc:postgresql://db1.internal:5432/orders?sslmode=require&connectTimeout=5' --user cdc_admin "
            + "--dest-url <dest-url> --tables 'public.a|b,public.x`y,public.it'\\''s a  table' --keys  # then read it";

    @Test
    void aShellCommandKeepsItsWordsAcrossContinuationLines() throws Exception {
        List<String> lines = StatementWrap.lines(COMMAND, "sh", 40);

        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(lines.subList(0, lines.size() - 1)).anySatisfy(l -> assertThat(l).endsWith(" \\"));
        assertThat(lines).filteredOn(l -> l.length() > 40)
                .allSatisfy(l -> assertThat(l).as("only a word longer than the width overhangs").contains("'"));
        assertThat(words(String.join("\n", lines).replace("<dest-url>", "DEST")))
                .isEqualTo(words(COMMAND.replace("<dest-url>", "DEST")));
    }

    /** The words bash makes of the command, with upgrade-check replaced by printf. */
    private static List<String> words(String command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash reads the command");
        Path script = Files.createTempFile("wrapped", ".sh");
        try {
            Files.writeString(script, command.replaceFirst("^upgrade-check", "printf '%s\\\\n'"));
            Process bash = new ProcessBuilder("/bin/bash", script.toString()).redirectErrorStream(true).start();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor()).as(out).isZero();
            return out.lines().toList();
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void sqlBreaksOutsideItsQuotesAndACommentGoesOnAsAComment() {
        String sql = "INSERT INTO \"public\".\"signal table\" (id, type, data) VALUES ('upgrade-resnapshot', "
                + "'execute-snapshot', '{\"data-collections\": [\"public.orders\", \"public.items\"]}'); "
                + "-- Debezium signal table (signal.data.collection), named by the connector's configuration";

        List<String> lines = StatementWrap.lines(sql, "sql", 60);

        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(String.join("\n", lines)).contains("\"signal table\"",
                "'{\"data-collections\": [\"public.orders\", \"public.items\"]}'");
        int comment = lines.stream().filter(l -> l.contains("-- Debezium")).findFirst().map(lines::indexOf)
                .orElseThrow();
        assertThat(lines.subList(comment + 1, lines.size())).isNotEmpty()
                .allSatisfy(l -> assertThat(l.stripLeading()).startsWith("-- "));
        String joined = String.join(" ", lines).replaceAll("\\s+", " ");
        int afterComment = joined.indexOf("-- ") + 3;
        assertThat(joined.substring(0, afterComment) + joined.substring(afterComment).replace("-- ", ""))
                .as("the continuation lines' comment marks aside, the same statement").isEqualTo(sql);
    }

    @Test
    void aStatementWhoseQuotingDependsOnTheDialectStaysWhole() {
        String sql = "SELECT 'a\\' , 'b c d e f g h i j k l m n o p q r s t u v w x y z' FROM t WHERE x = 1";
        assertThat(StatementWrap.lines(sql, "sql", 30)).containsExactly(sql);
        String js = "db.adminCommand({ setFeatureCompatibilityVersion: '7.0', confirm: true }) // and a long comment";
        assertThat(StatementWrap.lines(js, "javascript", 30)).containsExactly(js);
    }
}
