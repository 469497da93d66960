package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fliptj.testing.SelfSignedCertificates;
import io.fliptj.testing.ServerProcess;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FLIPT_*} variables win over the values written in the configuration file, in the packaged
 * server, including Flipt's TLS settings.
 */
class EnvironmentOverridesIT {
    @TempDir
    Path directory;

    @Test
    void variablesWinOverTheFile() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int takenPort = taken.getLocalPort();
            Path configuration = directory.resolve("literal.yml");
            Files.writeString(configuration, """
                    database:
                      url: file:/nonexistent/directory/flipt.db
                    grpc:
                      host: 127.0.0.1
                      port: %1$d
                    http:
                      uiEnabled: true
                    cors:
                      enabled: false
                    server:
                      applicationConnectors:
                        - type: http
                          bindHost: 127.0.0.1
                          port: %1$d
                      adminConnectors:
                        - type: http
                          bindHost: 127.0.0.1
                          port: %1$d
                    logging:
                      level: WARN
                    """.formatted(takenPort));
            Map<String, String> environment = ServerProcess.freshEnvironment(directory);
            environment.put("FLIPT_CORS_ENABLED", "true");
            environment.put("FLIPT_UI_ENABLED", "false");
            environment.put("FLIPT_LOG_LEVEL", "debug");
            int httpPort = Integer.parseInt(environment.get("FLIPT_SERVER_HTTP_PORT"));

            try (ServerProcess server = ServerProcess.start(configuration, environment, directory)) {
                server.awaitListening(httpPort, Duration.ofSeconds(120));
                server.awaitListening(Integer.parseInt(environment.get("FLIPT_SERVER_GRPC_PORT")), Duration.ofSeconds(30));
                server.awaitListening(Integer.parseInt(environment.get("FLIPT_SERVER_ADMIN_PORT")), Duration.ofSeconds(30));
                HttpClient client = HttpClient.newHttpClient();

                HttpResponse<String> preflight = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/namespaces"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://app.example")
                        .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> ui = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
                assertThat(ui.statusCode()).isEqualTo(404);
                assertThat(directory.resolve("flipt.db")).exists();
                assertThat(server.stdout()).contains("DEBUG");
            }
        }
    }

    @Test
    void httpsFromTheEnvironmentReplacesPlainHttp() throws Exception {
        SelfSignedCertificates.Pair certificate = SelfSignedCertificates.create(directory.resolve("tls"), "EC");
        Map<String, String> environment = ServerProcess.freshEnvironment(directory);
        int httpsPort = ServerProcess.freePort();
        environment.put("FLIPT_SERVER_PROTOCOL", "https");
        environment.put("FLIPT_SERVER_HTTPS_PORT", Integer.toString(httpsPort));
        environment.put("FLIPT_SERVER_CERT_FILE", certificate.certificateFile().toString());
        environment.put("FLIPT_SERVER_CERT_KEY", certificate.keyFile().toString());
        int plainPort = Integer.parseInt(environment.get("FLIPT_SERVER_HTTP_PORT"));

        try (ServerProcess server = ServerProcess.start(ServerProcess.defaultConfiguration(), environment, directory)) {
            server.awaitListening(httpsPort, Duration.ofSeconds(120));
            server.awaitListening(Integer.parseInt(environment.get("FLIPT_SERVER_GRPC_PORT")), Duration.ofSeconds(30));
            HttpClient client = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"SERVING\"}");
            assertThatThrownBy(() -> new Socket("127.0.0.1", plainPort).close()).isInstanceOf(ConnectException.class);
        }
    }
}
