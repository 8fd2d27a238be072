package dev.upgradecheck.pipeline;

import dev.upgradecheck.BadInputException;
import dev.upgradecheck.value.UserText;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/** The TLS trust for Kafka Connect: the JVM's trust store, plus the CA certificates of a PEM file when one is given. */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext context(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate jvm : jvmTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, jvm);
            }
            Collection<? extends Certificate> extra = read(caFile);
            for (Certificate cert : extra) {
                store.setCertificateEntry("connect-ca-" + n++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new BadInputException("--connect-ca " + caFile + " cannot be used: " + UserText.firstLine(e.getMessage()));
        }
    }

    private static Collection<? extends Certificate> read(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new BadInputException("--connect-ca " + caFile + " holds no PEM certificate");
            }
            return certs;
        } catch (NoSuchFileException e) {
            throw new BadInputException("--connect-ca " + caFile + " does not exist");
        } catch (java.security.cert.CertificateException e) {
            throw new BadInputException("--connect-ca " + caFile + " is not a PEM certificate: "
                    + UserText.firstLine(e.getMessage()));
        }
    }

    private static X509TrustManager jvmTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
