package dev.upgradecheck.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged artifact as a user runs it (after {@code package}, run by failsafe in {@code verify}): the launcher
 * from another directory and through symlinks, with an archive it cannot use, under another JDK, at a terminal and
 * on a pipe; and what the shaded jar carries.
 */
class PackagedArtifactIT {

    private static final Path BUILD = Path.of(System.getProperty("upgrade-check.build.dir", "target")).toAbsolutePath();
    private static final Path LAUNCHER = BUILD.resolve("upgrade-check");
    private static final Path JAR = BUILD.resolve("upgrade-check.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    /** The JDK running the build, plus any newer one installed beside it (JDK 22+ changed System.console()). */
    static Stream<Path> javaHomes() {
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        try (Stream<Path> installed = Files.list(Path.of("/usr/lib/jvm"))) {
            installed.filter(p -> p.getFileName().toString().matches("temurin-(2[2-9]|[3-9]\\d).*"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java"))).forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm (macOS, Windows): the build's JDK alone
        }
        return homes.stream();
    }

    private Run run(Path javaHome, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("TERM", "xterm");
        env.remove("NO_COLOR");
        env.remove("GITHUB_ACTIONS"); // its logs show colour on a pipe; here the pipe must stay plain
        env.remove("UPGRADE_CHECK_JAVA_OPTS");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s: " + command).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run run(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return run(Path.of(System.getProperty("java.home")), command);
    }

    /** bin/upgrade-check -> links/uc (relative) -> the build's launcher: how a user puts it on PATH. */
    private Path linkedLauncher() throws IOException {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("uc"), LAUNCHER);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        return Files.createSymbolicLink(bin.resolve("upgrade-check"), Path.of("../links/uc"));
    }

    @Test
    void versionNamesTheReleaseAndTheCommitThroughSymlinksFromAnotherDirectory() throws Exception {
        Run r = run(linkedLauncher(), "--version");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().findFirst()).contains("upgrade-check " + System.getProperty("upgrade-check.version")
                + " (commit " + System.getProperty("upgrade-check.commit") + ")");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void offlinePlanThroughASymlinkIsJson() throws Exception {
        Run r = run(linkedLauncher(), "plan", "--engine", "postgres", "--from", "14", "--to", "16", "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("engine").asText()).isEqualTo("postgres");
        assertThat(r.json().path("steps").size()).isPositive();
        assertThat(r.err()).isEmpty();
    }

    /** A copied jar no longer matches the archive (path and time): the JVM's warning must not reach the report. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("javaHomes")
    void jarCopiedElsewhereWithItsArchiveStillPrintsOnlyJson(Path javaHome) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String file : List.of("upgrade-check", "upgrade-check.jar", "upgrade-check.jsa")) {
            Files.copy(BUILD.resolve(file), copy.resolve(file));
        }
        assumeTrue(Files.isRegularFile(copy.resolve("upgrade-check.jsa")), "the package step made no CDS archive");
        Files.setLastModifiedTime(copy.resolve("upgrade-check.jar"), FileTime.from(Instant.now()));

        Run r = run(javaHome, List.of(copy.resolve("upgrade-check").toString(), "plan", "--engine", "postgres",
                "--from", "14", "--to", "16", "--format", "json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.json().path("steps").size()).as(r.out()).isPositive();
        assertThat(r.err()).as("no JVM warning on stderr either").doesNotContainIgnoringCase("cds")
                .doesNotContainIgnoringCase("shared archive");
    }

    /**
     * Colour and the fleet progress bar only at a terminal: {@code script} gives the run a pseudo-terminal. On JDK 22+
     * System.console() exists on a pipe too, so the pipe case proves Console.isTerminal() is asked.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("javaHomes")
    void colourAndProgressOnlyAtATerminal(Path javaHome) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script(1) gives the pseudo-terminal");
        Path inventory = dir.resolve("fleet.yaml");
        Files.writeString(inventory, """
                defaults: {engine: postgres, user: cdc, connectTimeout: 1s}
                targets:
                  - {name: a, url: 'jdbc:postgresql://127.0.0.1:1/x'}
                  - {name: b, url: 'jdbc:postgresql://127.0.0.1:1/y'}
                """);
        String precheck = LAUNCHER + " precheck --inventory " + inventory;

        Run terminal = run(javaHome, List.of("/usr/bin/script", "-qec", precheck, "/dev/null"));
        Run pipe = run(javaHome, List.of("/bin/sh", "-c", precheck + " | cat"));

        assertThat(terminal.out()).as(terminal.toString()).contains("\u001B[31;1mERROR").contains("targets");
        assertThat(pipe.out()).as(pipe.toString()).contains("ERROR").doesNotContain("\u001B[");
        assertThat(pipe.err()).as("no progress bar on a pipe").doesNotContain("targets");
    }

    @Test
    void shadedJarCarriesPicocliForJava17AndNoNativeLibrariesNorCheckerQual() throws Exception {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            ZipEntry picocli = jar.getEntry("picocli/CommandLine.class");
            assertThat(picocli).as("picocli in the shaded jar (compiled from its sources: the compiler's picocli "
                    + "execution; shade excludes the picocli jar)").isNotNull();
            try (InputStream in = jar.getInputStream(picocli)) {
                DataInputStream data = new DataInputStream(in);
                data.readInt();
                data.readUnsignedShort();
                assertThat(data.readUnsignedShort()).as("class file major version (61 = Java 17, CDS-archivable)")
                        .isEqualTo(61);
            }
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("org/jline/terminal/TerminalBuilder.class", "me/tongfei/progressbar/ProgressBar.class");
            assertThat(names).filteredOn(n -> n.matches("org/jline/nativ/.+/.+")).isEmpty();
            assertThat(names).filteredOn(n -> n.startsWith("org/checkerframework/")).isEmpty();
        }
    }
}
