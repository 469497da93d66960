package io.fliptj.bench;

import io.fliptj.core.evaluation.BooleanResult;
import io.fliptj.core.evaluation.ComparisonType;
import io.fliptj.core.evaluation.Constraint;
import io.fliptj.core.evaluation.Distribution;
import io.fliptj.core.evaluation.EvaluationObserver;
import io.fliptj.core.evaluation.EvaluationReason;
import io.fliptj.core.evaluation.Evaluator;
import io.fliptj.core.evaluation.Flag;
import io.fliptj.core.evaluation.FlagType;
import io.fliptj.core.evaluation.MatchType;
import io.fliptj.core.evaluation.Namespace;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.core.evaluation.Rule;
import io.fliptj.core.evaluation.Segment;
import io.fliptj.core.evaluation.SegmentOperator;
import io.fliptj.core.evaluation.Variant;
import io.fliptj.core.evaluation.VariantResult;
import io.fliptj.telemetry.metrics.EvaluationMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost the evaluation metrics add per evaluation: the recorder alone (counters, histogram and
 * cached label children of Flipt's {@code flipt_evaluations_*} metrics), and a one-rule variant
 * evaluation without and with the recorder attached as the server attaches it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationMetricsBenchmark {
    private EvaluationMetrics metrics;
    private VariantResult variantResult;
    private BooleanResult booleanResult;
    private Evaluator unobserved;
    private Evaluator observed;
    private Map<String, String> context;

    @Setup
    public void setUp() {
        metrics = new EvaluationMetrics(new PrometheusRegistry());
        variantResult = new VariantResult("reference", true, List.of("pro-users"), EvaluationReason.MATCH, "blue", "");
        booleanResult = new BooleanResult("reference-boolean", true, EvaluationReason.DEFAULT, List.of());
        Variant blue = new Variant("v1", "blue", "");
        Flag flag = new Flag("reference", "Reference", "", true, FlagType.VARIANT, List.of(blue), null,
                List.of(new Rule("r1", 1, SegmentOperator.OR, List.of("pro-users"),
                        List.of(new Distribution("d1", "r1", "v1", "blue", "", 100f)))),
                List.of(), Instant.now(), Instant.now());
        Segment segment = new Segment("pro-users", "Pro", "", MatchType.ALL,
                List.of(new Constraint("c1", ComparisonType.STRING, "plan", "eq", "pro", "")));
        Namespace namespace = new Namespace("default", Map.of("reference", flag), Map.of("pro-users", segment));
        unobserved = NamespaceSnapshot.compile(namespace).evaluator();
        observed = NamespaceSnapshot.compile(namespace, new EvaluationObserver() {
            @Override
            public void variantEvaluated(String namespaceKey, VariantResult result, long startNanos, long endNanos) {
                metrics.variant(namespaceKey, result, endNanos - startNanos);
            }

            @Override
            public void booleanEvaluated(String namespaceKey, BooleanResult result, long startNanos, long endNanos) {
                metrics.bool(namespaceKey, result, endNanos - startNanos);
            }

            @Override
            public void evaluationFailed(String namespaceKey, String flagKey, FlagType type, RuntimeException error, long startNanos, long endNanos) {
                metrics.failed(namespaceKey, flagKey, endNanos - startNanos);
            }
        }).evaluator();
        context = Map.of("plan", "pro");
    }

    @Benchmark
    public void recordVariant() {
        metrics.variant("default", variantResult, 400);
    }

    @Benchmark
    public void recordBoolean() {
        metrics.bool("default", booleanResult, 400);
    }

    @Benchmark
    public Object evaluateWithoutMetrics() {
        return unobserved.variant("reference", "user-1", context);
    }

    @Benchmark
    public Object evaluateWithMetrics() {
        return observed.variant("reference", "user-1", context);
    }
}
