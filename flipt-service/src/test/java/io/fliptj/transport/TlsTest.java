package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptApplication;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.FliptGrpc;
import io.fliptj.api.ListNamespaceRequest;
import io.fliptj.testing.SelfSignedCertificates;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code server.protocol: https}: the HTTP listener serves HTTPS only and gRPC uses TLS, both with
 * the PEM certificate of {@code server.certFile}/{@code server.certKey}, as Flipt does.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TlsTest {
    private static final SelfSignedCertificates.Pair CERTIFICATE = SelfSignedCertificates.create(temporaryDirectory(), "RSA");

    static final DropwizardAppExtension<FliptConfiguration> APP = new DropwizardAppExtension<>(
            FliptApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "file:" + temporaryDirectory().resolve("flipt.db")),
            ConfigOverride.config("server.protocol", "https"),
            ConfigOverride.config("server.httpsPort", "0"),
            ConfigOverride.config("server.certFile", CERTIFICATE.certificateFile().toString()),
            ConfigOverride.config("server.certKey", CERTIFICATE.keyFile().toString()));

    private static ManagedChannel trustingChannel;

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("flipt-tls-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException error) {
            throw new java.io.UncheckedIOException(error);
        }
    }

    @AfterAll
    static void closeChannel() throws InterruptedException {
        if (trustingChannel != null) {
            trustingChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static int httpsPort() {
        for (Connector connector : APP.getEnvironment().getApplicationContext().getServer().getConnectors()) {
            if (connector instanceof ServerConnector server && connector.getProtocols().contains("ssl")) {
                return server.getLocalPort();
            }
        }
        throw new IllegalStateException("no HTTPS connector");
    }

    private static int grpcPort() {
        FliptApplication application = APP.getApplication();
        return application.grpcServer().port();
    }

    private static ManagedChannel grpcChannel(ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress("localhost", grpcPort(), credentials).build();
    }

    private static synchronized ManagedChannel trustingChannel() throws IOException {
        if (trustingChannel == null) {
            trustingChannel = grpcChannel(TlsChannelCredentials.newBuilder().trustManager(CERTIFICATE.certificateFile().toFile()).build());
        }
        return trustingChannel;
    }

    @Test
    void servesTheApiOverHttpsToClientsTrustingTheCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingContext()).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> namespaces = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + httpsPort() + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"SERVING\"}");
        assertThat(health.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).isIn("TLSv1.2", "TLSv1.3"));
        assertThat(namespaces.statusCode()).isEqualTo(200);
        assertThat(namespaces.body()).contains("\"key\":\"default\"");
    }

    @Test
    void acceptsClientsThatConnectByIpAddress() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingContext()).build();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpsPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void clientsNotTrustingTheCertificateFailTheHandshake() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoHttpResponse() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", httpsPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (IOException reset) {
                answer = new byte[0];
            }
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
        }
    }

    @Test
    void everyApplicationListenerIsTls() {
        assertThat(APP.getEnvironment().getApplicationContext().getServer().getConnectors())
                .filteredOn(connector -> "application".equals(connector.getName()))
                .isNotEmpty()
                .allSatisfy(connector -> assertThat(connector.getProtocols()).contains("ssl"));
    }

    @Test
    void grpcUsesTlsWithTheSameCertificate() throws Exception {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(trustingChannel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());

        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(FliptGrpc.newBlockingStub(trustingChannel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listNamespaces(ListNamespaceRequest.getDefaultInstance()).getNamespacesList())
                .anySatisfy(namespace -> assertThat(namespace.getKey()).isEqualTo("default"));
    }

    @Test
    void plaintextGrpcClientsAreRefused() throws InterruptedException {
        ManagedChannel plaintext = grpcChannel(InsecureChannelCredentials.create());
        try {
            assertThatThrownBy(() -> HealthGrpc.newBlockingStub(plaintext).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class);
        } finally {
            plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void metaConfigShowsTheProtocolButNotTheKey() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATE.trustingContext()).build();

        HttpResponse<String> config = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort() + "/meta/config")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"protocol\":\"https\"", "\"certFile\":\"" + CERTIFICATE.certificateFile() + "\"")
                .doesNotContain("certKey").doesNotContain(CERTIFICATE.keyFile().toString());
    }
}
