package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A server certificate chain and its private key read from PEM files, the form Flipt takes for
 * {@code server.cert_file} and {@code server.cert_key}. Private keys may be PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY});
 * encrypted keys are refused. The key must belong to the first certificate of the chain.
 */
public final class PemKeyMaterial {
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};
    private static final String ALIAS = "flipt";

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final char[] password;

    private PemKeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = List.copyOf(chain);
        this.privateKey = requireNonNull(privateKey, "privateKey is null");
        this.password = UUID.randomUUID().toString().toCharArray();
    }

    /**
     * Reads and checks the pair.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static PemKeyMaterial read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(keyFile);
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the private key in " + keyFile + " does not match the certificate in " + certificateFile);
        }
        return new PemKeyMaterial(chain, key);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** A fresh in-memory key store holding the pair under one alias, protected by {@link #password()}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException error) {
            throw new IllegalStateException("cannot build a key store: " + error.getMessage(), error);
        }
    }

    /** The password of the key stores {@link #keyStore()} returns (random per instance). */
    public String password() {
        return new String(password);
    }

    /** Key managers presenting the pair, for TLS servers that take them (gRPC). */
    public KeyManager[] keyManagers() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore(), password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException error) {
            throw new IllegalStateException("cannot build key managers: " + error.getMessage(), error);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException error) {
            throw new IllegalArgumentException(file + ": not a valid certificate: " + error.getMessage(), error);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM CERTIFICATE block found");
        }
        return chain;
    }

    private static PrivateKey readPrivateKey(Path file) {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return fromPkcs8(file, block.der());
                case "RSA PRIVATE KEY":
                    return fromPkcs8(file, privateKeyInfo(RSA_ALGORITHM, block.der()));
                case "EC PRIVATE KEY":
                    return fromPkcs8(file, privateKeyInfo(ecAlgorithm(file, block.der()), block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException(file + ": encrypted private keys are not supported");
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(file + ": no PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found");
    }

    private static PrivateKey fromPkcs8(Path file, byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisAlgorithm) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": unsupported or malformed private key");
    }

    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "flipt key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException mismatch) {
            return false;
        }
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] privateKeyInfo(byte[] algorithmIdentifier, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithmIdentifier);
        body.writeBytes(tagged(0x04, key));
        return tagged(0x30, body.toByteArray());
    }

    /** The AlgorithmIdentifier for a SEC 1 key, whose curve is its context-specific [0] element. */
    private static byte[] ecAlgorithm(Path file, byte[] sec1) {
        Der outer = new Der(sec1, 0);
        Der element = outer.firstChild();
        while (element != null) {
            if ((element.tag() & 0xff) == 0xa0) {
                Der curve = element.firstChild();
                ByteArrayOutputStream identifier = new ByteArrayOutputStream();
                identifier.writeBytes(EC_PUBLIC_KEY_OID);
                identifier.writeBytes(curve.encoded());
                return tagged(0x30, identifier.toByteArray());
            }
            element = outer.nextChild(element);
        }
        throw new IllegalArgumentException(file + ": the EC PRIVATE KEY does not name its curve");
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
                out.write((length >>> shift) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException missing) {
            throw new IllegalArgumentException(file + ": no such file", missing);
        } catch (IOException error) {
            throw new IllegalArgumentException(file + ": cannot be read: " + error.getMessage(), error);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2).strip())));
            } catch (IllegalArgumentException malformed) {
                throw new IllegalArgumentException(file + ": malformed PEM " + matcher.group(1) + " block", malformed);
            }
        }
        return blocks;
    }

    /** One DER element inside {@code data} at {@code offset}: enough to walk a SEQUENCE. */
    private record Der(byte[] data, int offset) {
        int tag() {
            return data[offset];
        }

        private int lengthOctets() {
            int first = data[offset + 1] & 0xff;
            return first < 0x80 ? 1 : 1 + (first & 0x7f);
        }

        int contentLength() {
            int first = data[offset + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int index = 0; index < (first & 0x7f); index++) {
                length = (length << 8) | (data[offset + 2 + index] & 0xff);
            }
            return length;
        }

        int contentStart() {
            return offset + 1 + lengthOctets();
        }

        int end() {
            return contentStart() + contentLength();
        }

        byte[] encoded() {
            return Arrays.copyOfRange(data, offset, end());
        }

        Der firstChild() {
            return contentLength() == 0 ? null : new Der(data, contentStart());
        }

        Der nextChild(Der child) {
            return child.end() < end() ? new Der(data, child.end()) : null;
        }
    }
}
