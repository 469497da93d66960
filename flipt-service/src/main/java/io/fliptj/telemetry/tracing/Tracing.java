package io.fliptj.telemetry.tracing;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.fliptj.telemetry.config.OtlpFactory;
import io.fliptj.telemetry.config.TracingFactory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.extension.trace.propagation.OtTracePropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK built from the {@code tracing} section: a parent-based sampler with
 * {@code sampling_ratio} for new traces, the configured propagators, and a batching OTLP exporter
 * (HTTP/protobuf for {@code http(s)://} endpoints, gRPC otherwise, as Flipt chooses). The SDK is
 * private to the application (nothing is installed globally) and is flushed on stop.
 */
public final class Tracing implements Managed {
    /** The instrumentation scope of every span the server makes. */
    public static final String INSTRUMENTATION_NAME = "io.fliptj";

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private Tracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer(INSTRUMENTATION_NAME);
    }

    public static Tracing create(TracingFactory config, String serviceVersion) {
        requireNonNull(config, "config is null");
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "flipt",
                AttributeKey.stringKey("service.version"), serviceVersion)));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.getSamplingRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(config.getOtlp())).build())
                .build();
        return new Tracing(OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(propagator(config.getPropagators())))
                .build());
    }

    public Tracer tracer() {
        return tracer;
    }

    public TextMapPropagator propagator() {
        return sdk.getPropagators().getTextMapPropagator();
    }

    static SpanExporter exporter(OtlpFactory otlp) {
        String endpoint = otlp.getEndpoint().trim();
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces");
            for (Map.Entry<String, String> header : otlp.getHeaders().entrySet()) {
                builder.addHeader(header.getKey(), header.getValue());
            }
            return builder.build();
        }
        String address = lower.startsWith("grpc://") ? endpoint.substring("grpc://".length()) : endpoint;
        OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder().setEndpoint("http://" + address);
        for (Map.Entry<String, String> header : otlp.getHeaders().entrySet()) {
            builder.addHeader(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    static TextMapPropagator propagator(List<String> names) {
        List<TextMapPropagator> propagators = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "tracecontext" -> propagators.add(W3CTraceContextPropagator.getInstance());
                case "baggage" -> propagators.add(W3CBaggagePropagator.getInstance());
                case "b3" -> propagators.add(B3Propagator.injectingSingleHeader());
                case "b3multi" -> propagators.add(B3Propagator.injectingMultiHeaders());
                case "jaeger" -> propagators.add(JaegerPropagator.getInstance());
                case "ottrace" -> propagators.add(OtTracePropagator.getInstance());
                case "none" -> {
                }
                default -> throw new IllegalArgumentException("unknown propagator " + name);
            }
        }
        return TextMapPropagator.composite(propagators);
    }

    @Override
    public void start() {
    }

    /** Exports the spans still buffered, waiting at most 10 seconds. */
    @Override
    public void stop() {
        sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    }
}
