package io.fliptj.telemetry;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.setup.Environment;
import io.fliptj.core.evaluation.EvaluationObserver;
import io.fliptj.evaluation.NamespaceSnapshots;
import io.fliptj.evaluation.SnapshotListener;
import io.fliptj.storage.sql.Dialect;
import io.fliptj.telemetry.config.MetricsFactory;
import io.fliptj.telemetry.config.TracingFactory;
import io.fliptj.telemetry.logging.GrpcAccessLogInterceptor;
import io.fliptj.telemetry.metrics.DropwizardMetricsCollector;
import io.fliptj.telemetry.metrics.EvaluationMetrics;
import io.fliptj.telemetry.metrics.GrpcMetricsInterceptor;
import io.fliptj.telemetry.metrics.HttpMetrics;
import io.fliptj.telemetry.metrics.MetricsServlet;
import io.fliptj.telemetry.metrics.SnapshotMetrics;
import io.fliptj.telemetry.tracing.EvaluationSpans;
import io.fliptj.telemetry.tracing.GrpcTracingInterceptor;
import io.fliptj.telemetry.tracing.Tracing;
import io.fliptj.telemetry.tracing.TracingSqlLogger;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Everything metrics, tracing and access logging contribute to the server, built from the
 * {@code metrics} and {@code tracing} sections: the Prometheus registry served at {@code /metrics}
 * (evaluation, gRPC, HTTP, snapshot, database pool, Dropwizard and JVM metrics), the OpenTelemetry
 * SDK, the evaluation observer, the gRPC interceptors and the HTTP filter. With metrics and tracing
 * disabled only request ids and the access log remain.
 */
public final class TelemetryModule {
    private final PrometheusRegistry registry;
    private final EvaluationMetrics evaluationMetrics;
    private final SnapshotMetrics snapshotMetrics;
    private final HttpMetrics httpMetrics;
    private final GrpcMetricsInterceptor grpcMetrics;
    private final Tracing tracing;

    public TelemetryModule(MetricsFactory metrics, TracingFactory tracing, String serviceVersion, Environment environment) {
        requireNonNull(metrics, "metrics is null");
        requireNonNull(tracing, "tracing is null");
        requireNonNull(environment, "environment is null");
        if (metrics.isEnabled()) {
            registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            registry.register(new DropwizardMetricsCollector(environment.metrics()));
            evaluationMetrics = new EvaluationMetrics(registry);
            snapshotMetrics = new SnapshotMetrics(registry);
            httpMetrics = new HttpMetrics(registry);
            grpcMetrics = new GrpcMetricsInterceptor(registry);
        } else {
            registry = null;
            evaluationMetrics = null;
            snapshotMetrics = null;
            httpMetrics = null;
            grpcMetrics = null;
        }
        if (tracing.isEnabled()) {
            this.tracing = Tracing.create(tracing, serviceVersion);
            environment.lifecycle().manage(this.tracing);
        } else {
            this.tracing = null;
        }
    }

    /** What the evaluation snapshots report every evaluation to. */
    public EvaluationObserver evaluationObserver() {
        if (evaluationMetrics == null && tracing == null) {
            return EvaluationObserver.NONE;
        }
        return new EvaluationTelemetry(evaluationMetrics, tracing == null ? null : new EvaluationSpans(tracing.tracer()));
    }

    /** What the evaluation snapshots report every rebuild to. */
    public SnapshotListener snapshotListener() {
        return snapshotMetrics == null ? SnapshotListener.NONE : snapshotMetrics;
    }

    /** Traces the statements {@code jdbi} runs within traced requests. */
    public void instrumentDatabase(Jdbi jdbi, Dialect dialect) {
        if (tracing != null) {
            jdbi.setSqlLogger(new TracingSqlLogger(tracing.tracer(), databaseSystem(dialect), jdbi.getConfig(SqlStatements.class).getSqlLogger()));
        }
    }

    /** The database as OpenTelemetry's {@code db.system} names it. */
    static String databaseSystem(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> "sqlite";
            case POSTGRES -> "postgresql";
            case MYSQL -> "mysql";
            case COCKROACH -> "cockroachdb";
        };
    }

    /** The gRPC interceptors, outermost first; they go before every other interceptor. */
    public List<ServerInterceptor> grpcInterceptors() {
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (tracing != null) {
            interceptors.add(new GrpcTracingInterceptor(tracing.tracer(), tracing.propagator()));
        }
        if (grpcMetrics != null) {
            interceptors.add(grpcMetrics);
        }
        interceptors.add(new GrpcAccessLogInterceptor());
        return interceptors;
    }

    /** Registers the HTTP filter in front of everything on the HTTP port and, with metrics on, {@code GET /metrics} and the snapshot gauges. */
    public void registerHttp(Environment environment, NamespaceSnapshots snapshots) {
        environment.servlets()
                .addFilter("telemetry", new HttpTelemetryFilter(httpMetrics,
                        tracing == null ? null : tracing.tracer(), tracing == null ? null : tracing.propagator()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        if (registry != null) {
            snapshotMetrics.watch(snapshots);
            environment.servlets().addServlet("metrics", new MetricsServlet(registry)).addMapping("/metrics");
        }
    }
}
