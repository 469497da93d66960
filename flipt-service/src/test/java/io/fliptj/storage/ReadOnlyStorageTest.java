package io.fliptj.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.fliptj.FliptApplication;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.FliptGrpc;
import io.fliptj.api.GetFlagRequest;
import io.fliptj.auth.HttpApi;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code storage.readOnly} on a database seeded while writable: reads, evaluation and token management keep
 * working, every change to the flag state is refused with Flipt's read-only error over REST and gRPC, and
 * request validation still answers first, as in Flipt.
 */
class ReadOnlyStorageTest {
    private static final String READ_ONLY_ERROR =
            "{\"code\":13,\"message\":\"modification is not allowed in read-only mode\",\"details\":[]}";
    private static DropwizardTestSupport<FliptConfiguration> server;
    private static HttpApi http;

    @BeforeAll
    static void seedThenRestartReadOnly() throws Exception {
        Path database = Files.createTempFile("flipt-read-only-", ".db");
        Files.delete(database);
        database.toFile().deleteOnExit();

        DropwizardTestSupport<FliptConfiguration> writable = support(database, false);
        writable.before();
        try {
            HttpApi seed = new HttpApi(writable.getLocalPort());
            assertThat(seed.post("/api/v1/namespaces/default/flags",
                    "{\"key\":\"banner\",\"name\":\"Banner\",\"type\":\"VARIANT_FLAG_TYPE\",\"enabled\":true}").status()).isEqualTo(200);
            assertThat(seed.post("/api/v1/namespaces/default/flags/banner/variants", "{\"key\":\"blue\"}").status()).isEqualTo(200);
            assertThat(seed.post("/api/v1/namespaces/default/segments",
                    "{\"key\":\"everyone\",\"name\":\"Everyone\",\"matchType\":\"ALL_MATCH_TYPE\"}").status()).isEqualTo(200);
            String variantId = seed.get("/api/v1/namespaces/default/flags/banner").json().path("variants").get(0).path("id").asText();
            String ruleId = seed.post("/api/v1/namespaces/default/flags/banner/rules",
                    "{\"segmentKey\":\"everyone\",\"rank\":1}").json().path("id").asText();
            assertThat(seed.post("/api/v1/namespaces/default/flags/banner/rules/" + ruleId + "/distributions",
                    "{\"variantId\":\"" + variantId + "\",\"rollout\":100}").status()).isEqualTo(200);
        } finally {
            writable.after();
        }

        server = support(database, true);
        server.before();
        http = new HttpApi(server.getLocalPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.after();
        }
    }

    private static DropwizardTestSupport<FliptConfiguration> support(Path database, boolean readOnly) {
        return new DropwizardTestSupport<>(FliptApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", "file:" + database),
                ConfigOverride.config("storage.readOnly", String.valueOf(readOnly)),
                ConfigOverride.config("authentication.methods.token.enabled", "true"));
    }

    static List<List<String>> writes() {
        return List.of(
                List.of("POST", "/api/v1/namespaces", "{\"key\":\"other\",\"name\":\"Other\"}"),
                List.of("PUT", "/api/v1/namespaces/default", "{\"name\":\"Renamed\"}"),
                List.of("DELETE", "/api/v1/namespaces/default", ""),
                List.of("POST", "/api/v1/namespaces/default/flags", "{\"key\":\"new\",\"name\":\"New\"}"),
                List.of("PUT", "/api/v1/namespaces/default/flags/banner", "{\"name\":\"Renamed\",\"enabled\":false}"),
                List.of("DELETE", "/api/v1/namespaces/default/flags/banner", ""),
                List.of("POST", "/api/v1/namespaces/default/flags/banner/variants", "{\"key\":\"red\"}"),
                List.of("POST", "/api/v1/namespaces/default/segments", "{\"key\":\"new\",\"name\":\"New\",\"matchType\":\"ANY_MATCH_TYPE\"}"),
                List.of("DELETE", "/api/v1/namespaces/default/segments/everyone", ""),
                List.of("POST", "/api/v1/namespaces/default/segments/everyone/constraints",
                        "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"plan\",\"operator\":\"eq\",\"value\":\"pro\"}"),
                List.of("POST", "/api/v1/namespaces/default/flags/banner/rules", "{\"segmentKey\":\"everyone\",\"rank\":2}"),
                List.of("PUT", "/api/v1/namespaces/default/flags/banner/rules/order", "{\"ruleIds\":[\"a\",\"b\"]}"),
                List.of("POST", "/api/v1/namespaces/default/flags/banner/rollouts",
                        "{\"rank\":1,\"threshold\":{\"percentage\":50,\"value\":true}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void everyWriteIsRefusedWithFliptsReadOnlyError(List<String> write) {
        HttpApi.Response response = http.send(write.get(0), write.get(1), write.get(2));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(READ_ONLY_ERROR);
    }

    @Test
    void stateIsUnchangedAndStillEvaluates() {
        HttpApi.Response flag = http.get("/api/v1/namespaces/default/flags/banner");
        HttpApi.Response evaluation = http.post("/evaluate/v1/variant",
                "{\"namespaceKey\":\"default\",\"flagKey\":\"banner\",\"entityId\":\"user-1\",\"context\":{}}");

        assertThat(flag.status()).isEqualTo(200);
        assertThat(flag.json().path("name").asText()).isEqualTo("Banner");
        assertThat(flag.json().path("variants")).hasSize(1);
        assertThat(http.get("/api/v1/namespaces").json().path("namespaces")).hasSize(1);
        assertThat(evaluation.json().path("match").asBoolean()).isTrue();
        assertThat(evaluation.json().path("variantKey").asText()).isEqualTo("blue");
    }

    @Test
    void validationAnswersBeforeTheReadOnlyRefusal() {
        HttpApi.Response response = http.post("/api/v1/namespaces/default/flags", "{\"name\":\"No key\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).isEqualTo("invalid field key: must not be empty");
    }

    @Test
    void tokensStayWritableAndMetaReportsReadOnly() {
        assertThat(http.post("/auth/v1/method/token", "{\"name\":\"ci\"}").status()).isEqualTo(200);
        assertThat(http.get("/meta/info").json().path("storage").path("readOnly").asBoolean()).isTrue();
        assertThat(http.get("/meta/info").json().path("storage").path("type").asText()).isEqualTo("database");
    }

    @Test
    void grpcWritesAreInternalAndReadsWork() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                ((FliptApplication) server.getApplication()).grpcServer().port()).usePlaintext().build();
        try {
            FliptGrpc.FliptBlockingStub flipt = FliptGrpc.newBlockingStub(channel);

            assertThatThrownBy(() -> flipt.createFlag(CreateFlagRequest.newBuilder()
                    .setNamespaceKey("default").setKey("grpc").setName("gRPC").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, error -> {
                        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                        assertThat(error.getStatus().getDescription()).isEqualTo("modification is not allowed in read-only mode");
                    });
            assertThat(flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey("default").setKey("banner").build()).getName())
                    .isEqualTo("Banner");
        } finally {
            channel.shutdownNow();
        }
    }
}
