package io.fliptj.telemetry;

import io.fliptj.core.evaluation.BooleanResult;
import io.fliptj.core.evaluation.EvaluationObserver;
import io.fliptj.core.evaluation.FlagType;
import io.fliptj.core.evaluation.VariantResult;
import io.fliptj.telemetry.metrics.EvaluationMetrics;
import io.fliptj.telemetry.tracing.EvaluationSpans;

/** Records every evaluation in the metrics and, when tracing is on, as a span. */
final class EvaluationTelemetry implements EvaluationObserver {
    private final EvaluationMetrics metrics;
    private final EvaluationSpans spans;

    /**
     * @param metrics {@code null} when metrics are disabled
     * @param spans {@code null} when tracing is disabled
     */
    EvaluationTelemetry(EvaluationMetrics metrics, EvaluationSpans spans) {
        this.metrics = metrics;
        this.spans = spans;
    }

    @Override
    public void variantEvaluated(String namespaceKey, VariantResult result, long startNanos, long endNanos) {
        if (metrics != null) {
            metrics.variant(namespaceKey, result, endNanos - startNanos);
        }
        if (spans != null) {
            spans.variant(namespaceKey, result, startNanos, endNanos);
        }
    }

    @Override
    public void booleanEvaluated(String namespaceKey, BooleanResult result, long startNanos, long endNanos) {
        if (metrics != null) {
            metrics.bool(namespaceKey, result, endNanos - startNanos);
        }
        if (spans != null) {
            spans.bool(namespaceKey, result, startNanos, endNanos);
        }
    }

    @Override
    public void evaluationFailed(String namespaceKey, String flagKey, FlagType type, RuntimeException error, long startNanos, long endNanos) {
        if (metrics != null) {
            metrics.failed(namespaceKey, flagKey, endNanos - startNanos);
        }
        if (spans != null) {
            spans.failed(namespaceKey, flagKey, type, error, startNanos, endNanos);
        }
    }
}
