package dev.upgradecheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind the Class Data Sharing archive: the package step runs this class once under
 * {@code -XX:ArchiveClassesAtExit} so the archive holds the classes real runs load (picocli included: the build
 * compiles it for Java 17, as CDS cannot archive its jar's Java 5 class files). One JVM runs several commands
 * because a dynamic archive records one run.
 * No database is needed: the live commands aim at a closed loopback port and fail fast, which still loads
 * the driver's connection path, the report writers and the fleet runner. Not part of the product's CLI.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/cds-training"));
        Path inventory = dir.resolve("training.yaml");
        String unreachable = "jdbc:postgresql://127.0.0.1:1/training";
        Files.writeString(inventory, "defaults: {engine: postgres, user: training, connectTimeout: 1s}\n"
                + "targets:\n  - {name: a, url: '" + unreachable + "'}\n  - {name: b, url: '" + unreachable + "'}\n");
        run("--version");
        run("plan", "--engine", "postgres", "--from", "14", "--to", "16");
        run("plan", "--engine", "postgres", "--from", "14", "--to", "17", "--format", "json");
        run("precheck", "--engine", "postgres", "--url", unreachable, "--connect-timeout", "1s");
        run("precheck", "--engine", "postgres", "--url", unreachable, "--connect-timeout", "1s", "--format", "json");
        run("precheck", "--inventory", inventory.toString(), "--parallel", "2", "--format", "json");
        run("reconcile", "--engine", "postgres", "--url", unreachable, "--dest-url", unreachable, "--tables",
                "public.training", "--dest-filter", "deleted = 'false'", "--connect-timeout", "1s", "--format", "json");
    }

    private static void run(String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        new Cli(name -> null, InputStream.nullInputStream()).execute(args, sink, sink);
    }
}
