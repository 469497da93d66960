package io.fliptj.telemetry.tracing;

import static java.util.Objects.requireNonNull;

import io.fliptj.core.evaluation.BooleanResult;
import io.fliptj.core.evaluation.FlagType;
import io.fliptj.core.evaluation.VariantResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * An internal span per flag evaluation, under the current request span, with OpenTelemetry's
 * feature-flag attributes ({@code feature_flag.key}, {@code feature_flag.provider_name},
 * {@code feature_flag.variant}) and Flipt's ({@code flipt.namespace}, {@code flipt.match},
 * {@code flipt.reason}, {@code flipt.segments}). Never the entity id or the context. The span is
 * recorded after the fact with the evaluation's own start and end times.
 */
public final class EvaluationSpans {
    private final Tracer tracer;

    public EvaluationSpans(Tracer tracer) {
        this.tracer = requireNonNull(tracer, "tracer is null");
    }

    public void variant(String namespaceKey, VariantResult result, long startNanos, long endNanos) {
        long endEpochNanos = epochNanos();
        Span span = builder(namespaceKey, result.flagKey(), endEpochNanos - (endNanos - startNanos))
                .setAttribute("feature_flag.variant", result.variantKey())
                .setAttribute("flipt.match", result.match())
                .setAttribute("flipt.reason", result.reason().wireName())
                .setAttribute("flipt.segments", String.join(",", result.segmentKeys()))
                .setAttribute("flipt.flag_type", "variant")
                .startSpan();
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    public void bool(String namespaceKey, BooleanResult result, long startNanos, long endNanos) {
        long endEpochNanos = epochNanos();
        Span span = builder(namespaceKey, result.flagKey(), endEpochNanos - (endNanos - startNanos))
                .setAttribute("feature_flag.variant", Boolean.toString(result.enabled()))
                .setAttribute("flipt.reason", result.reason().wireName())
                .setAttribute("flipt.segments", String.join(",", result.segmentKeys()))
                .setAttribute("flipt.flag_type", "boolean")
                .startSpan();
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    public void failed(String namespaceKey, String flagKey, FlagType type, RuntimeException error, long startNanos, long endNanos) {
        long endEpochNanos = epochNanos();
        Span span = builder(namespaceKey, flagKey, endEpochNanos - (endNanos - startNanos))
                .setAttribute("flipt.flag_type", type == FlagType.VARIANT ? "variant" : "boolean")
                .startSpan();
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
    }

    private SpanBuilder builder(String namespaceKey, String flagKey, long startEpochNanos) {
        return tracer.spanBuilder("flipt.evaluation")
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute("feature_flag.key", flagKey)
                .setAttribute("feature_flag.provider_name", "flipt")
                .setAttribute("flipt.namespace", namespaceKey);
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
