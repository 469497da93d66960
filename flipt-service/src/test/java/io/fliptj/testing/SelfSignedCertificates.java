package io.fliptj.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for {@code localhost} and {@code 127.0.0.1}, made with the JDK's
 * {@code keytool} and written as PEM files, the form {@code server.cert_file}/{@code server.cert_key} take.
 */
public final class SelfSignedCertificates {
    /** The PEM files and the certificate, for clients to trust. */
    public record Pair(Path certificateFile, Path keyFile, X509Certificate certificate, PrivateKey privateKey) {
        /** An SSL context trusting only this certificate. */
        public SSLContext trustingContext() {
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("server", certificate);
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trust);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, factory.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException error) {
                throw new IllegalStateException(error);
            }
        }
    }

    private SelfSignedCertificates() {
        throw new AssertionError("no instances");
    }

    /** A new RSA 2048 ({@code keyAlgorithm} "RSA") or P-256 ("EC") pair; the key is written as PKCS#8. */
    public static Pair create(Path directory, String keyAlgorithm) {
        try {
            Files.createDirectories(directory);
            Path keyStoreFile = directory.resolve("server.p12");
            Files.deleteIfExists(keyStoreFile);
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "server", "-keyalg", keyAlgorithm,
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-keystore", keyStoreFile.toString(), "-storetype", "PKCS12",
                    "-storepass", "changeit", "-keypass", "changeit"));
            if (keyAlgorithm.equals("EC")) {
                command.addAll(List.of("-groupname", "secp256r1"));
            } else {
                command.addAll(List.of("-keysize", "2048"));
            }
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStoreFile)) {
                store.load(in, "changeit".toCharArray());
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate("server");
            PrivateKey key = (PrivateKey) store.getKey("server", "changeit".toCharArray());
            Path certificateFile = directory.resolve("cert.pem");
            Path keyFile = directory.resolve("key.pem");
            Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new Pair(certificateFile, keyFile, certificate, key);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        } catch (GeneralSecurityException error) {
            throw new IllegalStateException(error);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
