package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exports the application's own gauges and counters of the Dropwizard metric registry (which the
 * admin port also serves), renamed for Prometheus with a {@code flipt_} prefix:
 * {@code audit.webhook.queue.depth} becomes {@code flipt_audit_webhook_queue_depth},
 * {@code audit.webhook.dropped} the counter {@code flipt_audit_webhook_dropped_total}. The
 * connection pool of the {@code database} data source becomes {@code flipt_database_pool_*}
 * ({@code active}, {@code idle}, {@code waiting}, {@code size} and the pool's cumulative counts).
 * JVM, Jetty and logging metrics are left out: they are exported by their own collectors.
 * Gauges whose value is not a number or a boolean are skipped.
 */
public final class DropwizardMetricsCollector implements MultiCollector {
    private static final String POOL_PREFIX = "io.dropwizard.db.ManagedPooledDataSource.database.";
    private static final List<String> EXCLUDED_PREFIXES = List.of(
            "jvm.", "org.eclipse.jetty.", "io.dropwizard.jetty.", "ch.qos.logback.", "io.dropwizard.db.", "org.jdbi.",
            "TimeBoundHealthCheck");
    private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_created", "_bucket", "_info", "_count", "_sum");

    private final MetricRegistry registry;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public DropwizardMetricsCollector(MetricRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Gauge> entry : registry.getGauges().entrySet()) {
            String name = gaugeName(prometheusName(entry.getKey()));
            Double value = numberOf(entry.getValue());
            if (name.isEmpty() || value == null || !seen.add(name)) {
                continue;
            }
            snapshots.add(GaugeSnapshot.builder()
                    .name(name)
                    .help("Dropwizard gauge " + entry.getKey())
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
                    .build());
        }
        for (Map.Entry<String, Counter> entry : registry.getCounters().entrySet()) {
            String name = counterName(prometheusName(entry.getKey()));
            if (name.isEmpty() || !seen.add(name)) {
                continue;
            }
            snapshots.add(CounterSnapshot.builder()
                    .name(name)
                    .help("Dropwizard counter " + entry.getKey())
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(Math.max(0, entry.getValue().getCount())).build())
                    .build());
        }
        return new MetricSnapshots(snapshots);
    }

    private static Double numberOf(Gauge<?> gauge) {
        Object value;
        try {
            value = gauge.getValue();
        } catch (RuntimeException error) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        return null;
    }

    /** A gauge may not end with a suffix Prometheus reserves for other types: {@code x.created} becomes {@code x_created_value}. */
    private static String gaugeName(String name) {
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name + "_value";
            }
        }
        return name;
    }

    /** A counter's name without {@code _total}, which the exposition appends. */
    private static String counterName(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }

    /** The Prometheus name (before type suffixes) for a Dropwizard metric name; {@code ""} when it is not exported. */
    String prometheusName(String dropwizardName) {
        return names.computeIfAbsent(dropwizardName, DropwizardMetricsCollector::translate);
    }

    static String translate(String dropwizardName) {
        String base;
        if (dropwizardName.startsWith(POOL_PREFIX)) {
            String metric = dropwizardName.substring(POOL_PREFIX.length());
            base = "database.pool." + (metric.equals("created") ? "created.connections" : metric);
        } else {
            for (String excluded : EXCLUDED_PREFIXES) {
                if (dropwizardName.startsWith(excluded)) {
                    return "";
                }
            }
            base = dropwizardName;
        }
        StringBuilder name = new StringBuilder("flipt_");
        char previous = '_';
        for (int index = 0; index < base.length(); index++) {
            char character = base.charAt(index);
            if (Character.isUpperCase(character) && Character.isLetterOrDigit(previous) && !Character.isUpperCase(previous)) {
                name.append('_');
            }
            char lower = Character.toLowerCase(character);
            boolean legal = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
            char appended = legal ? lower : '_';
            if (appended == '_' && name.charAt(name.length() - 1) == '_') {
                previous = character;
                continue;
            }
            name.append(appended);
            previous = character;
        }
        while (name.charAt(name.length() - 1) == '_') {
            name.setLength(name.length() - 1);
        }
        return name.toString();
    }
}
