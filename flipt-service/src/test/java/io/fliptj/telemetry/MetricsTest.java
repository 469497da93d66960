package io.fliptj.telemetry;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.evaluation.EvaluationRequest;
import io.fliptj.api.evaluation.EvaluationServiceGrpc;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} on the HTTP port of a real server with authentication required: known
 * evaluation traffic over REST (v2, batch, legacy, OFREP) and gRPC shows up with Flipt's metric
 * names, labels and exact counts, and the endpoint needs no token.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsTest {
    private static final String TOKEN = "metrics-test-token";
    private static final String ENTITY = "entity-that-must-not-be-a-label";
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", TOKEN));
    private static HttpApi http;
    private static ManagedChannel channel;
    private static PrometheusText metrics;

    @BeforeAll
    static void sendKnownTraffic() {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        APP.getEnvironment().metrics().register("telemetry.test.queue.depth", (Gauge<Integer>) () -> 7);
        APP.getEnvironment().metrics().counter("telemetry.test.dropped").inc(3);

        ok(http.post("/api/v1/namespaces/default/flags", "{\"key\":\"color\",\"name\":\"Color\",\"enabled\":true}", bearer(TOKEN)));
        String variantId = ok(http.post("/api/v1/namespaces/default/flags/color/variants", "{\"key\":\"blue\"}", bearer(TOKEN))).json().path("id").asText();
        ok(http.post("/api/v1/namespaces/default/segments", "{\"key\":\"pro-users\",\"name\":\"Pro\",\"matchType\":\"ALL_MATCH_TYPE\"}", bearer(TOKEN)));
        ok(http.post("/api/v1/namespaces/default/segments/pro-users/constraints",
                "{\"type\":\"STRING_COMPARISON_TYPE\",\"property\":\"plan\",\"operator\":\"eq\",\"value\":\"pro\"}", bearer(TOKEN)));
        String ruleId = ok(http.post("/api/v1/namespaces/default/flags/color/rules", "{\"segmentKey\":\"pro-users\",\"rank\":1}", bearer(TOKEN))).json().path("id").asText();
        ok(http.post("/api/v1/namespaces/default/flags/color/rules/" + ruleId + "/distributions",
                "{\"variantId\":\"" + variantId + "\",\"rollout\":100}", bearer(TOKEN)));
        ok(http.post("/api/v1/namespaces/default/flags", "{\"key\":\"dark-mode\",\"name\":\"Dark\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", bearer(TOKEN)));

        String proRequest = "{\"flagKey\":\"color\",\"entityId\":\"" + ENTITY + "\",\"context\":{\"plan\":\"pro\"}}";
        for (int count = 0; count < 3; count++) {
            ok(http.post("/evaluate/v1/variant", proRequest, bearer(TOKEN)));
        }
        ok(http.post("/evaluate/v1/variant", "{\"flagKey\":\"color\",\"entityId\":\"" + ENTITY + "\",\"context\":{\"plan\":\"free\"}}", bearer(TOKEN)));
        ok(http.post("/evaluate/v1/boolean", "{\"flagKey\":\"dark-mode\",\"entityId\":\"" + ENTITY + "\"}", bearer(TOKEN)));
        ok(http.post("/evaluate/v1/batch", "{\"requests\":[" + proRequest + ",{\"flagKey\":\"dark-mode\",\"entityId\":\"e\"}]}", bearer(TOKEN)));
        ok(http.post("/api/v1/evaluate", proRequest, bearer(TOKEN)));
        ok(http.post("/ofrep/v1/evaluate/flags/color", "{\"context\":{\"targetingKey\":\"" + ENTITY + "\",\"plan\":\"pro\"}}", bearer(TOKEN)));
        assertThat(http.post("/evaluate/v1/variant", "{\"flagKey\":\"missing\",\"entityId\":\"e\"}", bearer(TOKEN)).status()).isEqualTo(404);
        assertThat(http.post("/evaluate/v1/variant", proRequest).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/no/such/route/" + ENTITY, bearer(TOKEN)).status()).isEqualTo(404);

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation = EvaluationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        EvaluationRequest grpcRequest = EvaluationRequest.newBuilder()
                .setFlagKey("color").setEntityId(ENTITY).putContext("plan", "pro").build();
        for (int count = 0; count < 2; count++) {
            assertThat(evaluation.variant(grpcRequest).getMatch()).isTrue();
        }
        assertThat(evaluation.boolean_(EvaluationRequest.newBuilder().setFlagKey("dark-mode").setEntityId(ENTITY).build()).getEnabled()).isTrue();

        HttpApi.Response scrape = http.get("/metrics");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body()).doesNotContain(ENTITY);
        metrics = new PrometheusText(scrape.body());
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static HttpApi.Response ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static double value(String name, Map<String, String> labels) {
        OptionalDouble value = metrics.value(name, labels);
        assertThat(value).as(name + labels + " in " + metrics.samples(name)).isPresent();
        return value.getAsDouble();
    }

    @Test
    void evaluationResultsCountEveryVariantEvaluationOnceWhateverTheApiAndTransport() {
        // 3 REST v2, 1 batch item, 1 legacy, 1 OFREP, 2 gRPC
        assertThat(value("flipt_evaluations_results_total", Map.of("namespace", "default", "flag", "color", "match", "true",
                "segment", "pro-users", "reason", "MATCH_EVALUATION_REASON", "value", "blue", "type", "variant"))).isEqualTo(8);
        assertThat(value("flipt_evaluations_results_total", Map.of("namespace", "default", "flag", "color", "match", "false",
                "segment", "", "reason", "UNKNOWN_EVALUATION_REASON", "value", "", "type", "variant"))).isEqualTo(1);
        assertThat(value("flipt_evaluations_requests_total", Map.of("namespace", "default", "flag", "color"))).isEqualTo(9);
        assertThat(value("flipt_evaluations_errors_total", Map.of("namespace", "default", "flag", "color"))).isZero();
        assertThat(value("flipt_evaluations_latency_milliseconds_count", Map.of("namespace", "default", "flag", "color"))).isEqualTo(9);
        assertThat(value("flipt_evaluations_latency_milliseconds_bucket", Map.of("namespace", "default", "flag", "color", "le", "10000.0"))).isEqualTo(9);
    }

    @Test
    void booleanResultsCarryTheValueAndNoMatchOrSegment() {
        // 1 REST, 1 batch item, 1 gRPC
        assertThat(value("flipt_evaluations_results_total", Map.of("namespace", "default", "flag", "dark-mode", "match", "",
                "segment", "", "reason", "DEFAULT_EVALUATION_REASON", "value", "true", "type", "boolean"))).isEqualTo(3);
    }

    @Test
    void evaluationsOfMissingFlagsAreNotCounted() {
        assertThat(metrics.samples("flipt_evaluations_requests_total"))
                .allSatisfy(sample -> assertThat(sample.labels().get("flag")).isIn("color", "dark-mode"));
    }

    @Test
    void grpcMetricsCountRestAndGrpcCallsByMethodAndCode() {
        Map<String, String> variant = Map.of("grpc_type", "unary", "grpc_service", "flipt.evaluation.EvaluationService", "grpc_method", "Variant");
        assertThat(value("grpc_server_handled_total", with(variant, "grpc_code", "OK"))).isEqualTo(6);
        assertThat(value("grpc_server_handled_total", with(variant, "grpc_code", "NotFound"))).isEqualTo(1);
        assertThat(value("grpc_server_handled_total", with(variant, "grpc_code", "Unauthenticated"))).isEqualTo(1);
        assertThat(value("grpc_server_started_total", variant)).isEqualTo(8);
        assertThat(value("grpc_server_handling_seconds_count", variant)).isEqualTo(8);
    }

    @Test
    void httpMetricsUseRouteTemplatesAndCollapseUnknownPaths() {
        assertThat(value("http_server_requests_total", Map.of("method", "POST", "route", "/evaluate/v1/variant", "code", "200"))).isEqualTo(4);
        assertThat(value("http_server_requests_total", Map.of("method", "POST", "route", "/evaluate/v1/variant", "code", "401"))).isEqualTo(1);
        assertThat(value("http_server_requests_total",
                Map.of("method", "POST", "route", "/api/v1/namespaces/{namespace_key}/flags/{flag_key}/variants", "code", "200"))).isEqualTo(1);
        assertThat(value("http_server_requests_total", Map.of("method", "GET", "route", "unmatched", "code", "404"))).isEqualTo(1);
        assertThat(metrics.samples("http_server_requests_total"))
                .allSatisfy(sample -> assertThat(sample.labels().get("route")).doesNotContain("color", "no/such"));
    }

    @Test
    void snapshotPoolDropwizardAndJvmMetricsAreExported() {
        assertThat(value("flipt_evaluation_snapshot_age_seconds", Map.of("namespace", "default"))).isGreaterThanOrEqualTo(0);
        assertThat(value("flipt_evaluation_snapshot_rebuild_seconds_count", Map.of())).isGreaterThanOrEqualTo(7);
        assertThat(value("flipt_evaluation_snapshot_staleness_seconds", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(value("flipt_database_pool_active", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(value("flipt_database_pool_size", Map.of())).isGreaterThan(0);
        assertThat(value("flipt_telemetry_test_queue_depth", Map.of())).isEqualTo(7);
        assertThat(value("flipt_telemetry_test_dropped_total", Map.of())).isEqualTo(3);
        assertThat(metrics.samples("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(metrics.samples("jvm_threads_current")).isNotEmpty();
    }

    @Test
    void dropwizardMetricsStayOnTheAdminPort() {
        HttpApi admin = new HttpApi(APP.getAdminPort());
        HttpApi.Response response = admin.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("gauges").has("io.dropwizard.db.ManagedPooledDataSource.database.active")).isTrue();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
