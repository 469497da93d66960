package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import io.fliptj.core.evaluation.BooleanResult;
import io.fliptj.core.evaluation.EvaluationReason;
import io.fliptj.core.evaluation.VariantResult;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Flipt's evaluation metrics ({@code internal/server/metrics}), as its Prometheus exporter names them:
 * <ul>
 * <li>{@code flipt_evaluations_requests_total{namespace,flag}} and {@code flipt_evaluations_errors_total{namespace,flag}};
 * <li>{@code flipt_evaluations_results_total{namespace,flag,match,segment,reason,value,type}}: variant results carry
 *     {@code match}, the first matched {@code segment}, the variant key as {@code value} and {@code type="variant"};
 *     boolean results carry the boolean as {@code value}, {@code type="boolean"} and empty {@code match}/{@code segment}
 *     (Flipt omits those two labels; to Prometheus an empty label is an absent one);
 * <li>{@code flipt_evaluations_latency_milliseconds{namespace,flag}}, with OpenTelemetry's default buckets as Flipt has them.
 * </ul>
 * Labels only ever hold keys of existing flags, namespaces, segments and variants, so their number stays
 * bounded by the data. The label children of a flag are created once and cached, so recording allocates
 * nothing once a flag's results have been seen.
 */
public final class EvaluationMetrics {
    /** OpenTelemetry's default explicit bucket boundaries (milliseconds here). */
    static final double[] LATENCY_BUCKETS = {0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};
    private static final int REASONS = EvaluationReason.values().length;

    private final Counter requests;
    private final Counter errors;
    private final Counter results;
    private final Histogram latency;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, FlagInstruments>> namespaces = new ConcurrentHashMap<>();

    public EvaluationMetrics(PrometheusRegistry registry) {
        requireNonNull(registry, "registry is null");
        requests = Counter.builder()
                .name("flipt_evaluations_requests_total")
                .help("The total number of requested evaluations")
                .labelNames("namespace", "flag")
                .withoutExemplars()
                .register(registry);
        errors = Counter.builder()
                .name("flipt_evaluations_errors_total")
                .help("The total number of requested evaluations")
                .labelNames("namespace", "flag")
                .withoutExemplars()
                .register(registry);
        results = Counter.builder()
                .name("flipt_evaluations_results_total")
                .help("Count of results including match, flag, segment, reason and value attributes")
                .labelNames("namespace", "flag", "match", "segment", "reason", "value", "type")
                .withoutExemplars()
                .register(registry);
        latency = Histogram.builder()
                .name("flipt_evaluations_latency_milliseconds")
                .help("The latency of inidividual evaluations in milliseconds")
                .labelNames("namespace", "flag")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars()
                .register(registry);
    }

    public void variant(String namespaceKey, VariantResult result, long durationNanos) {
        FlagInstruments flag = instruments(namespaceKey, result.flagKey());
        flag.requests.inc();
        String segment = result.segmentKeys().isEmpty() ? "" : result.segmentKeys().get(0);
        flag.variantResult(namespaceKey, result.match(), segment, result.reason(), result.variantKey()).inc();
        flag.latency.observe(durationNanos / 1_000_000.0);
    }

    public void bool(String namespaceKey, BooleanResult result, long durationNanos) {
        FlagInstruments flag = instruments(namespaceKey, result.flagKey());
        flag.requests.inc();
        flag.booleanResult(namespaceKey, result.enabled(), result.reason()).inc();
        flag.latency.observe(durationNanos / 1_000_000.0);
    }

    public void failed(String namespaceKey, String flagKey, long durationNanos) {
        FlagInstruments flag = instruments(namespaceKey, flagKey);
        flag.requests.inc();
        flag.errors.inc();
        flag.latency.observe(durationNanos / 1_000_000.0);
    }

    private FlagInstruments instruments(String namespaceKey, String flagKey) {
        ConcurrentHashMap<String, FlagInstruments> flags = namespaces.get(namespaceKey);
        if (flags == null) {
            flags = namespaces.computeIfAbsent(namespaceKey, key -> new ConcurrentHashMap<>());
        }
        FlagInstruments flag = flags.get(flagKey);
        if (flag == null) {
            flag = flags.computeIfAbsent(flagKey, key -> new FlagInstruments(namespaceKey, key));
        }
        return flag;
    }

    /** One flag's label children. */
    private final class FlagInstruments {
        private final String flagKey;
        private final CounterDataPoint requests;
        private final CounterDataPoint errors;
        private final DistributionDataPoint latency;
        private final AtomicReferenceArray<CounterDataPoint> booleanResults = new AtomicReferenceArray<>(REASONS * 2);
        /** By reason and match, then segment, then variant. */
        private final AtomicReferenceArray<ConcurrentHashMap<String, ConcurrentHashMap<String, CounterDataPoint>>> variantResults =
                new AtomicReferenceArray<>(REASONS * 2);

        FlagInstruments(String namespaceKey, String flagKey) {
            this.flagKey = flagKey;
            this.requests = EvaluationMetrics.this.requests.labelValues(namespaceKey, flagKey);
            this.errors = EvaluationMetrics.this.errors.labelValues(namespaceKey, flagKey);
            this.latency = EvaluationMetrics.this.latency.labelValues(namespaceKey, flagKey);
        }

        CounterDataPoint booleanResult(String namespaceKey, boolean value, EvaluationReason reason) {
            int index = reason.ordinal() * 2 + (value ? 1 : 0);
            CounterDataPoint point = booleanResults.get(index);
            if (point == null) {
                point = results.labelValues(namespaceKey, flagKey, "", "", reason.wireName(), Boolean.toString(value), "boolean");
                booleanResults.set(index, point);
            }
            return point;
        }

        CounterDataPoint variantResult(String namespaceKey, boolean match, String segment, EvaluationReason reason, String variant) {
            int index = reason.ordinal() * 2 + (match ? 1 : 0);
            ConcurrentHashMap<String, ConcurrentHashMap<String, CounterDataPoint>> bySegment = variantResults.get(index);
            if (bySegment == null) {
                variantResults.compareAndSet(index, null, new ConcurrentHashMap<>());
                bySegment = variantResults.get(index);
            }
            ConcurrentHashMap<String, CounterDataPoint> byVariant = bySegment.get(segment);
            if (byVariant == null) {
                byVariant = bySegment.computeIfAbsent(segment, key -> new ConcurrentHashMap<>());
            }
            CounterDataPoint point = byVariant.get(variant);
            if (point == null) {
                point = byVariant.computeIfAbsent(variant,
                        key -> results.labelValues(namespaceKey, flagKey, Boolean.toString(match), segment, reason.wireName(), key, "variant"));
            }
            return point;
        }
    }
}
