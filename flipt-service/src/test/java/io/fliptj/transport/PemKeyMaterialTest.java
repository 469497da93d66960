package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fliptj.testing.SelfSignedCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests for {@link PemKeyMaterial}: the key formats Go's {@code tls.LoadX509KeyPair} reads. */
class PemKeyMaterialTest {
    @TempDir
    Path directory;

    @Test
    void readsAnRsaCertificateWithAPkcs8Key() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");

        PemKeyMaterial material = PemKeyMaterial.read(pair.certificateFile(), pair.keyFile());

        assertThat(material.chain()).containsExactly(pair.certificate());
        assertThat(material.privateKey().getEncoded()).isEqualTo(pair.privateKey().getEncoded());
        KeyStore store = material.keyStore();
        assertThat(store.getKey(store.aliases().nextElement(), material.password().toCharArray()))
                .isEqualTo(material.privateKey());
        assertThat(material.keyManagers()).isNotEmpty();
    }

    @Test
    void readsAnEcCertificateWithAPkcs8Key() {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "EC");

        assertThat(PemKeyMaterial.read(pair.certificateFile(), pair.keyFile()).privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsAPkcs1RsaKey() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");
        Path pkcs1 = directory.resolve("rsa.pem");
        openssl("rsa", "-in", pair.keyFile().toString(), "-traditional", "-out", pkcs1.toString());
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(PemKeyMaterial.read(pair.certificateFile(), pkcs1).privateKey().getEncoded())
                .isEqualTo(pair.privateKey().getEncoded());
    }

    @Test
    void readsASec1EcKeyAfterItsParameters() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "EC");
        Path sec1 = directory.resolve("ec.pem");
        openssl("ec", "-in", pair.keyFile().toString(), "-out", sec1.toString());
        String key = Files.readString(sec1);
        assertThat(key).contains("-----BEGIN EC PRIVATE KEY-----");
        Files.writeString(sec1, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + key);

        ECPrivateKey read = (ECPrivateKey) PemKeyMaterial.read(pair.certificateFile(), sec1).privateKey();
        assertThat(read.getS()).isEqualTo(((ECPrivateKey) pair.privateKey()).getS());
    }

    @Test
    void keepsTheWholeChainInOrder() throws Exception {
        SelfSignedCertificates.Pair leaf = SelfSignedCertificates.create(directory.resolve("leaf"), "RSA");
        SelfSignedCertificates.Pair other = SelfSignedCertificates.create(directory.resolve("other"), "EC");
        Path chain = directory.resolve("chain.pem");
        Files.writeString(chain, Files.readString(leaf.certificateFile()) + Files.readString(other.certificateFile()));

        assertThat(PemKeyMaterial.read(chain, leaf.keyFile()).chain()).containsExactly(leaf.certificate(), other.certificate());
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        SelfSignedCertificates.Pair first = SelfSignedCertificates.create(directory.resolve("first"), "RSA");
        SelfSignedCertificates.Pair second = SelfSignedCertificates.create(directory.resolve("second"), "RSA");

        assertThatThrownBy(() -> PemKeyMaterial.read(first.certificateFile(), second.keyFile()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the certificate");
    }

    @Test
    void namesTheMissingFile() {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");
        Path missing = directory.resolve("missing.pem");

        assertThatThrownBy(() -> PemKeyMaterial.read(pair.certificateFile(), missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void refusesEncryptedKeys() throws Exception {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");
        Path encrypted = directory.resolve("encrypted.pem");
        openssl("pkcs8", "-topk8", "-in", pair.keyFile().toString(), "-v2", "aes-256-cbc", "-passout", "pass:secret", "-out", encrypted.toString());

        assertThatThrownBy(() -> PemKeyMaterial.read(pair.certificateFile(), encrypted))
                .hasMessageContaining("encrypted private keys are not supported");
    }

    @Test
    void refusesAFileWithoutCertificate() {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");

        assertThatThrownBy(() -> PemKeyMaterial.read(pair.keyFile(), pair.keyFile()))
                .hasMessage(pair.keyFile() + ": no PEM CERTIFICATE block found");
    }

    @Test
    void refusesAKeyFileWithoutKey() {
        SelfSignedCertificates.Pair pair = SelfSignedCertificates.create(directory, "RSA");

        assertThatThrownBy(() -> PemKeyMaterial.read(pair.certificateFile(), pair.certificateFile()))
                .hasMessageContaining("no PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found");
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "openssl is not installed: " + notInstalled.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
