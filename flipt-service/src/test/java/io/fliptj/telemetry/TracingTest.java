package io.fliptj.telemetry;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
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
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing end to end: the server exports spans over OTLP/HTTP to a receiver started here, and the
 * server span of a REST request or gRPC call that carried a W3C {@code traceparent} continues the
 * caller's trace, with the caller's span as parent; evaluation and SQL spans nest below.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TracingTest {
    private static final String TOKEN = "tracing-test-token";
    private static final OtlpReceiver RECEIVER = new OtlpReceiver();
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", TOKEN),
            ConfigOverride.config("tracing.enabled", "true"),
            ConfigOverride.config("tracing.otlp.endpoint", RECEIVER.endpoint()));
    private static HttpApi http;
    private static ManagedChannel channel;

    @BeforeAll
    static void createFlag() {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        assertThat(http.post("/api/v1/namespaces/default/flags",
                "{\"key\":\"dark-mode\",\"name\":\"Dark\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", bearer(TOKEN)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        RECEIVER.close();
    }

    @Test
    void restServerSpanContinuesTheCallersTraceAndParentsTheEvaluation() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        HttpApi.Response response = http.post("/evaluate/v1/boolean", "{\"flagKey\":\"dark-mode\",\"entityId\":\"someone\"}",
                "Authorization", "Bearer " + TOKEN, "traceparent", "00-" + traceId + "-" + parentId + "-01");
        assertThat(response.status()).isEqualTo(200);

        Span server = RECEIVER.await(span -> hex(span.getTraceId()).equals(traceId) && span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
                && span.getName().equals("POST /evaluate/v1/boolean"));
        assertThat(hex(server.getParentSpanId())).isEqualTo(parentId);
        assertThat(attribute(server, "http.route")).isEqualTo("/evaluate/v1/boolean");
        assertThat(server.getAttributesList()).anySatisfy(attribute -> {
            assertThat(attribute.getKey()).isEqualTo("http.response.status_code");
            assertThat(attribute.getValue().getIntValue()).isEqualTo(200);
        });
        assertThat(server.getAttributesList()).noneSatisfy(attribute -> assertThat(attribute.getValue().toString()).contains(TOKEN));

        Span grpc = RECEIVER.await(span -> hex(span.getTraceId()).equals(traceId)
                && span.getName().equals("flipt.evaluation.EvaluationService/Boolean"));
        assertThat(grpc.getParentSpanId()).isEqualTo(server.getSpanId());

        Span evaluation = RECEIVER.await(span -> hex(span.getTraceId()).equals(traceId) && span.getName().equals("flipt.evaluation"));
        assertThat(evaluation.getParentSpanId()).isEqualTo(grpc.getSpanId());
        assertThat(attribute(evaluation, "feature_flag.key")).isEqualTo("dark-mode");
        assertThat(attribute(evaluation, "flipt.namespace")).isEqualTo("default");
        assertThat(attribute(evaluation, "flipt.reason")).isEqualTo("DEFAULT_EVALUATION_REASON");
        assertThat(RECEIVER.serviceNames()).contains("flipt");
    }

    @Test
    void grpcServerSpanContinuesTheCallersTrace() throws InterruptedException {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String parentId = "b7ad6b7169203331";
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + traceId + "-" + parentId + "-01");
        EvaluationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .boolean_(EvaluationRequest.newBuilder().setFlagKey("dark-mode").setEntityId("someone").build());

        Span server = RECEIVER.await(span -> hex(span.getTraceId()).equals(traceId)
                && span.getName().equals("flipt.evaluation.EvaluationService/Boolean"));
        assertThat(hex(server.getParentSpanId())).isEqualTo(parentId);
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(attribute(server, "rpc.system")).isEqualTo("grpc");
    }

    @Test
    void writesTraceTheirSqlStatementsWithoutValues() throws InterruptedException {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        HttpApi.Response response = http.post("/api/v1/namespaces/default/flags",
                "{\"key\":\"traced-flag\",\"name\":\"secret-name-value\"}",
                "Authorization", "Bearer " + TOKEN, "traceparent", "00-" + traceId + "-00f067aa0ba902b8-01");
        assertThat(response.status()).isEqualTo(200);

        Span insert = RECEIVER.await(span -> hex(span.getTraceId()).equals(traceId) && span.getName().equals("INSERT"));
        assertThat(insert.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attribute(insert, "db.system")).isEqualTo("sqlite");
        assertThat(attribute(insert, "db.statement")).containsIgnoringCase("insert").doesNotContain("secret-name-value");
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(attribute -> attribute.getKey().equals(key))
                .map(KeyValue::getValue)
                .map(value -> value.getStringValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " missing on " + span.getName()));
    }
}
