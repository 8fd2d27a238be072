package dev.upgradecheck.safety;

import dev.upgradecheck.testing.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Baseline files a user might hand to verify by mistake; each must end in exit 2 and one line. */
final class BrokenBaselines {

    private static final String OTHER_ENGINE = """
            {"schemaVersion":1,"engine":"mongodb","toolVersion":"x","capturedAt":"2026-01-01T00:00:00Z",
             "server":{"product":"MongoDB","version":"7.0","platform":"self-hosted","details":{}},"state":{}}""";

    private BrokenBaselines() {
    }

    /** What verify refuses before it connects, by kind. */
    static Map<String, String> readBeforeConnecting(String engine) {
        String mine = mine(engine);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("corrupt", "{not json");
        all.put("truncated", mine.substring(0, mine.length() / 2));
        all.put("empty", "");
        all.put("oversized", "{\"pad\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}");
        all.put("other engine", engine.equals("mongodb") ? OTHER_ENGINE.replace("\"mongodb\"", "\"postgres\"")
                : OTHER_ENGINE);
        all.put("binary", "\u0000\u0001\uFFFD\u00ff");
        return all;
    }

    /**
     * A well-formed baseline of this engine whose state has the wrong shape: the engine reads its state after it
     * connects, so this one needs a server (or recorded catalog) that answers.
     */
    static Path wrongShapeState(String engine, Path dir) throws Exception {
        return Files.writeString(dir.resolve("wrong-shape.json"), mine(engine).replace("\"state\":{}",
                "\"state\":{\"slots\":\"zz\",\"maxLsn\":\"zz\",\"scn\":-1,\"streams\":7,\"binlog\":[1]}"));
    }

    /** What every refused baseline must get: exit 2 and one line on stderr, never a stack trace. */
    static void assertRefusedInOneLine(CliRun.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception");
    }

    private static String mine(String engine) {
        return OTHER_ENGINE.replace("\"mongodb\"", "\"" + engine + "\"");
    }
}
