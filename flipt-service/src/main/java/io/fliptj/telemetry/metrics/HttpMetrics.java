package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * HTTP server metrics per route template (never the raw path), method and status:
 * {@code http_server_requests_total{method,route,code}} and the
 * {@code http_server_request_duration_seconds{method,route}} histogram. Methods other than the
 * standard ones count as {@code OTHER}; the caller collapses unknown paths into one route value,
 * so the label values stay bounded.
 */
public final class HttpMetrics {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "OTHER"};
    private static final Map<String, Integer> METHOD_INDEX;
    private static final int STATUSES = 600;

    static {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int position = 0; position < METHODS.length; position++) {
            index.put(METHODS[position], position);
        }
        METHOD_INDEX = Map.copyOf(index);
    }

    private final Counter requests;
    private final Histogram duration;
    private final ConcurrentHashMap<String, AtomicReferenceArray<RouteInstruments>> routes = new ConcurrentHashMap<>();

    public HttpMetrics(PrometheusRegistry registry) {
        requireNonNull(registry, "registry is null");
        requests = Counter.builder()
                .name("http_server_requests_total")
                .help("HTTP requests answered, by method, route template and status code.")
                .labelNames("method", "route", "code")
                .withoutExemplars()
                .register(registry);
        duration = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("Time to answer HTTP requests, by method and route template.")
                .labelNames("method", "route")
                .classicOnly()
                .classicUpperBounds(GrpcMetricsInterceptor.HANDLING_BUCKETS)
                .withoutExemplars()
                .register(registry);
    }

    /** The method as a bounded label value: the standard methods by name, anything else {@code OTHER}. */
    public static String methodLabel(String method) {
        Integer index = METHOD_INDEX.get(method);
        if (index == null) {
            index = METHOD_INDEX.get(method.toUpperCase(Locale.ROOT));
        }
        return METHODS[index == null ? METHODS.length - 1 : index];
    }

    /**
     * @param route the route template or a fixed value for unmatched paths
     */
    public void record(String method, String route, int status, long durationNanos) {
        String methodLabel = methodLabel(method);
        int methodIndex = METHOD_INDEX.get(methodLabel);
        AtomicReferenceArray<RouteInstruments> byMethod = routes.get(route);
        if (byMethod == null) {
            byMethod = routes.computeIfAbsent(route, key -> new AtomicReferenceArray<>(METHODS.length));
        }
        RouteInstruments instruments = byMethod.get(methodIndex);
        if (instruments == null) {
            byMethod.compareAndSet(methodIndex, null, new RouteInstruments(methodLabel, route));
            instruments = byMethod.get(methodIndex);
        }
        instruments.requests(status).inc();
        instruments.duration.observe(durationNanos / 1e9);
    }

    /** One route and method's label children. */
    private final class RouteInstruments {
        private final String method;
        private final String route;
        private final DistributionDataPoint duration;
        private final AtomicReferenceArray<CounterDataPoint> byStatus = new AtomicReferenceArray<>(STATUSES);

        RouteInstruments(String method, String route) {
            this.method = method;
            this.route = route;
            this.duration = HttpMetrics.this.duration.labelValues(method, route);
        }

        CounterDataPoint requests(int status) {
            int index = status >= 0 && status < STATUSES ? status : 0;
            CounterDataPoint point = byStatus.get(index);
            if (point == null) {
                point = HttpMetrics.this.requests.labelValues(method, route, Integer.toString(index));
                byStatus.set(index, point);
            }
            return point;
        }
    }
}
