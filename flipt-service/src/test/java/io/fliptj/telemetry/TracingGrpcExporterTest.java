package io.fliptj.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Spans exported over OTLP/gRPC to a bare {@code host:port} endpoint (Flipt's default form), with the configured headers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TracingGrpcExporterTest {
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static final List<String> API_KEYS = new CopyOnWriteArrayList<>();
    private static final Server RECEIVER = startReceiver();
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("tracing.enabled", "true"),
            ConfigOverride.config("tracing.otlp.endpoint", "127.0.0.1:" + RECEIVER.getPort()),
            ConfigOverride.config("tracing.otlp.headers.x-api-key", "collector-key"));

    private static Server startReceiver() {
        TraceServiceGrpc.TraceServiceImplBase service = new TraceServiceGrpc.TraceServiceImplBase() {
            @Override
            public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responseObserver) {
                request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList().forEach(scope -> SPANS.addAll(scope.getSpansList())));
                responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
                responseObserver.onCompleted();
            }
        };
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <RequestT, ResponseT> io.grpc.ServerCall.Listener<RequestT> interceptCall(io.grpc.ServerCall<RequestT, ResponseT> call,
                    Metadata metadata, io.grpc.ServerCallHandler<RequestT, ResponseT> next) {
                API_KEYS.add(String.valueOf(metadata.get(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER))));
                return next.startCall(call, metadata);
            }
        };
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(service, headers))
                    .build()
                    .start();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    @AfterAll
    static void stopReceiver() throws InterruptedException {
        RECEIVER.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void restRequestSpansArriveOverGrpc() throws InterruptedException {
        HttpApi http = AuthServer.http(APP);
        assertThat(http.get("/api/v1/namespaces/default/flags").status()).isEqualTo(200);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && SPANS.stream().noneMatch(span -> span.getName().equals("GET /api/v1/namespaces/{namespace_key}/flags"))) {
            Thread.sleep(100);
        }
        assertThat(SPANS).extracting(Span::getName).contains("GET /api/v1/namespaces/{namespace_key}/flags", "flipt.Flipt/ListFlags");
        assertThat(API_KEYS).isNotEmpty().allSatisfy(key -> assertThat(key).isEqualTo("collector-key"));
    }
}
