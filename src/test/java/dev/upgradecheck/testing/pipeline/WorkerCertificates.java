package dev.upgradecheck.testing.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and the Connect worker's HTTPS key pair signed by it (for 127.0.0.1), made at test time with the
 * JDK's keytool: the CA's certificate as a PEM file (what {@code --connect-ca} takes) and the worker's PKCS12
 * keystore holding its key and the chain up to that CA. EC keys: generated in an instant, unlike RSA.
 */
final class WorkerCertificates {

    private static final long KEYTOOL_LIMIT_SECONDS = 60;

    private final Path caPem;
    private final Path keystore;
    private final String password;

    private WorkerCertificates(Path caPem, Path keystore, String password) {
        this.caPem = caPem;
        this.keystore = keystore;
        this.password = password;
    }

    static WorkerCertificates create(Path dir) throws IOException, InterruptedException {
        String password = UUID.randomUUID().toString();
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path keystore = dir.resolve("connect.p12");
        Path request = dir.resolve("connect.csr");
        Path signed = dir.resolve("connect.pem");
        Path chain = dir.resolve("connect-chain.pem");
        // two chains of keytool runs side by side, the CA's and the worker's (each run is a JVM start)
        await(keytool(dir, "ca", "-genkeypair", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass",
                        password, "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                        "-dname", "CN=upgrade-check test CA", "-ext", "bc:c"),
                keytool(dir, "connect", "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                        "-storepass", password, "-alias", "connect", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-validity", "2", "-dname", "CN=127.0.0.1"));
        await(keytool(dir, "ca", "-exportcert", "-keystore", ca.toString(), "-storepass", password, "-alias", "ca",
                        "-rfc", "-file", caPem.toString()),
                keytool(dir, "connect", "-certreq", "-keystore", keystore.toString(), "-storepass", password,
                        "-alias", "connect", "-file", request.toString()));
        await(keytool(dir, "ca", "-gencert", "-keystore", ca.toString(), "-storepass", password, "-alias", "ca",
                "-rfc", "-infile", request.toString(), "-outfile", signed.toString(), "-validity", "2",
                "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth"));
        // the reply as a chain, leaf first: the keystore then holds the path a client checks up to the CA
        Files.writeString(chain, Files.readString(signed) + Files.readString(caPem));
        await(keytool(dir, "connect", "-importcert", "-keystore", keystore.toString(), "-storepass", password,
                "-alias", "connect", "-file", chain.toString(), "-noprompt"));
        return new WorkerCertificates(caPem, keystore, password);
    }

    /** The CA's certificate (PEM): trusted with {@code --connect-ca}, unknown to the JVM's trust store. */
    Path caPem() {
        return caPem;
    }

    Path keystore() {
        return keystore;
    }

    String password() {
        return password;
    }

    private record Run(String what, Process process, Path log) {
    }

    /** Starts one keytool run; its output goes to keytool-{@code log}.log. */
    private static Run keytool(Path dir, String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Path logFile = dir.resolve("keytool-" + log + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        return new Run("keytool " + args[0], process, logFile);
    }

    private static void await(Run... runs) throws IOException, InterruptedException {
        for (Run run : runs) {
            if (!run.process().waitFor(KEYTOOL_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                run.process().destroyForcibly();
                throw new IllegalStateException(run.what() + " did not finish within " + KEYTOOL_LIMIT_SECONDS
                        + " s (log " + run.log() + ")");
            }
            if (run.process().exitValue() != 0) {
                throw new IllegalStateException(run.what() + " exited with " + run.process().exitValue() + ": "
                        + Files.readString(run.log()));
            }
        }
    }
}
