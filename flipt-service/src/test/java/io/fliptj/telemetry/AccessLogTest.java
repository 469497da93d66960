package io.fliptj.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptApplication;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.evaluation.EvaluationRequest;
import io.fliptj.api.evaluation.EvaluationServiceGrpc;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The access log of a real server writing JSON lines to a file ({@code log.encoding: json}): one
 * line per REST request and per gRPC call, with method, route template, status, duration and
 * request id, and nothing secret (token, authorization header, evaluation context).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessLogTest {
    private static final String TOKEN = "access-log-secret-token";
    private static final String CONTEXT_VALUE = "context-secret@example.com";
    private static final Path LOG = freshLog(Path.of("target/telemetry-access-log-test.log"));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DropwizardAppExtension<FliptConfiguration> APP = new DropwizardAppExtension<>(FliptApplication.class,
            ResourceHelpers.resourceFilePath("telemetry-log-config.yml"),
            ConfigOverride.config("database.url", "file:" + temporaryDatabase()),
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", TOKEN));
    private static HttpApi http;
    private static ManagedChannel channel;

    @BeforeAll
    static void sendTraffic() throws IOException {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        HttpApi.Response created = http.post("/api/v1/namespaces/default/flags",
                "{\"key\":\"dark-mode\",\"name\":\"Dark\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", HttpApi.bearer(TOKEN));
        assertThat(created.status()).isEqualTo(200);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void restRequestsGetOneJsonLineWithRouteStatusDurationAndTheClientsRequestId() throws Exception {
        HttpApi.Response response = http.post("/evaluate/v1/boolean",
                "{\"flagKey\":\"dark-mode\",\"entityId\":\"someone\",\"context\":{\"email\":\"" + CONTEXT_VALUE + "\"}}",
                "Authorization", "Bearer " + TOKEN, "X-Request-Id", "rest-request-42");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("rest-request-42");

        JsonNode line = awaitAccessLine("rest-request-42");
        assertThat(line.path("L").asText()).isEqualTo("INFO");
        assertThat(line.path("T").asText()).isNotEmpty();
        assertThat(line.path("M").asText()).startsWith("http POST /evaluate/v1/boolean 200 ");
        assertThat(line.path("transport").asText()).isEqualTo("http");
        assertThat(line.path("method").asText()).isEqualTo("POST");
        assertThat(line.path("route").asText()).isEqualTo("/evaluate/v1/boolean");
        assertThat(line.path("status").asText()).isEqualTo("200");
        assertThat(Double.parseDouble(line.path("duration_ms").asText())).isPositive();
        assertThat(accessLines("rest-request-42")).hasSize(1);
        assertNothingSecretLogged();
    }

    @Test
    void requestsWithoutAnIdGetAGeneratedOne() throws Exception {
        HttpApi.Response response = http.get("/api/v1/namespaces/default/flags/dark-mode", HttpApi.bearer(TOKEN));
        assertThat(response.status()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(awaitAccessLine(requestId).path("route").asText()).isEqualTo("/api/v1/namespaces/{namespace_key}/flags/{key}");
    }

    @Test
    void grpcCallsGetOneLineWithMethodAndCodeAndTheRequestIdEchoed() throws Exception {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), "grpc-request-7");
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        EvaluationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, trailers))
                .boolean_(EvaluationRequest.newBuilder().setFlagKey("dark-mode").setEntityId("someone")
                        .putContext("email", CONTEXT_VALUE).build());
        assertThat(responseHeaders.get().get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("grpc-request-7");

        JsonNode line = awaitAccessLine("grpc-request-7");
        assertThat(line.path("transport").asText()).isEqualTo("grpc");
        assertThat(line.path("route").asText()).isEqualTo("flipt.evaluation.EvaluationService/Boolean");
        assertThat(line.path("status").asText()).isEqualTo("OK");
        assertThat(accessLines("grpc-request-7")).hasSize(1);
        assertNothingSecretLogged();
    }

    @Test
    void failedCallsAreLoggedWithTheirStatus() throws Exception {
        HttpApi.Response response = http.post("/evaluate/v1/boolean", "{\"flagKey\":\"dark-mode\",\"entityId\":\"someone\"}",
                "X-Request-Id", "unauthenticated-request");
        assertThat(response.status()).isEqualTo(401);
        assertThat(awaitAccessLine("unauthenticated-request").path("status").asText()).isEqualTo("401");
    }

    private static void assertNothingSecretLogged() throws IOException {
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(TOKEN).doesNotContain(CONTEXT_VALUE).doesNotContainIgnoringCase("bearer");
    }

    /** Waits for the asynchronous appender to write the access line of {@code requestId}. */
    private static JsonNode awaitAccessLine(String requestId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<JsonNode> lines = accessLines(requestId);
            if (!lines.isEmpty()) {
                return lines.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access line for " + requestId + " in " + (Files.exists(LOG) ? Files.readString(LOG) : "(no log)"));
    }

    private static List<JsonNode> accessLines(String requestId) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        if (!Files.exists(LOG)) {
            return found;
        }
        for (String text : Files.readAllLines(LOG, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = MAPPER.readTree(text);
            if (line.path("logger").asText().equals("io.fliptj.access") && line.path("request_id").asText().equals(requestId)) {
                found.add(line);
            }
        }
        return found;
    }

    /** Deletes the log file an earlier run left, before the server starts writing it. */
    private static Path freshLog(Path log) {
        try {
            Files.deleteIfExists(log);
            return log;
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    private static Path temporaryDatabase() {
        try {
            Path file = Files.createTempFile("flipt-access-log-", ".db");
            Files.delete(file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
