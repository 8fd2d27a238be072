package dev.upgradecheck.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real entry point in its own JVM on a pseudo-terminal (util-linux script(1)), as a person at a terminal runs it:
 * what the terminal showed, and the exit code.
 */
public final class PseudoTerminal {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    public record Screen(int exitCode, String text) {
    }

    private PseudoTerminal() {
    }

    public static boolean available() {
        return Files.isExecutable(SCRIPT);
    }

    /**
     * Runs {@code upgrade-check args} with {@code shellRedirect} (e.g. {@code > out.json}, or empty), without
     * $UPGRADE_CHECK_PASSWORD; when {@code prompt} shows, types {@code answer} and Enter.
     */
    public static Screen run(List<String> args, String shellRedirect, String prompt, String answer)
            throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.upgradecheck.cli.Main"));
        words.addAll(args);
        String command = String.join(" ", words.stream().map(PseudoTerminal::quoted).toList()) + " " + shellRedirect;
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null")
                .redirectErrorStream(true);
        builder.environment().remove("UPGRADE_CHECK_PASSWORD");
        Process process = builder.start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        InputStream out = process.getInputStream();
        try (OutputStream in = process.getOutputStream()) {
            if (prompt != null) {
                // answer only once asked: typed ahead, the terminal would echo it before the prompt turns echo off
                while (!seen.toString(StandardCharsets.UTF_8).contains(prompt)) {
                    int b = out.read();
                    if (b < 0) {
                        throw new AssertionError("the prompt '" + prompt + "' never came: " + seen);
                    }
                    seen.write(b);
                }
                in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            out.transferTo(seen);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + seen);
        }
        return new Screen(process.exitValue(), seen.toString(StandardCharsets.UTF_8));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
