package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import io.fliptj.evaluation.CachedNamespace;
import io.fliptj.evaluation.NamespaceSnapshots;
import io.fliptj.evaluation.SnapshotListener;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Metrics of the in-memory evaluation snapshots:
 * {@code flipt_evaluation_snapshot_rebuild_seconds} (histogram of the time to read a namespace
 * from the store and compile it), {@code flipt_evaluation_snapshot_age_seconds{namespace}} (time
 * since each existing namespace's snapshot was built) and
 * {@code flipt_evaluation_snapshot_staleness_seconds} (time since the snapshots were last
 * confirmed to match the store; it grows while the store is unreachable).
 */
public final class SnapshotMetrics implements SnapshotListener {
    private static final double[] REBUILD_BUCKETS = {.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry;
    private final Histogram rebuild;

    public SnapshotMetrics(PrometheusRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        rebuild = Histogram.builder()
                .name("flipt_evaluation_snapshot_rebuild_seconds")
                .help("Time to load a namespace from the store and compile its evaluation snapshot.")
                .classicOnly()
                .classicUpperBounds(REBUILD_BUCKETS)
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public void rebuilt(String namespaceKey, long durationNanos) {
        rebuild.observe(durationNanos / 1e9);
    }

    /** Registers the gauges reading {@code snapshots}. */
    public void watch(NamespaceSnapshots snapshots) {
        requireNonNull(snapshots, "snapshots is null");
        GaugeWithCallback.builder()
                .name("flipt_evaluation_snapshot_age_seconds")
                .help("Time since the namespace's evaluation snapshot was built from the store.")
                .labelNames("namespace")
                .callback(callback -> {
                    long now = System.nanoTime();
                    for (CachedNamespace namespace : snapshots.loaded()) {
                        if (namespace.exists()) {
                            callback.call((now - namespace.loadedAtNanos()) / 1e9, namespace.namespaceKey());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("flipt_evaluation_snapshot_staleness_seconds")
                .help("Time since the evaluation snapshots were last confirmed to match the store.")
                .callback(callback -> callback.call((System.nanoTime() - snapshots.lastVerifiedNanos()) / 1e9))
                .register(registry);
    }
}
