package io.fliptj.telemetry;

import io.fliptj.rest.TranscodingServlet;
import io.fliptj.telemetry.logging.AccessLog;
import io.fliptj.telemetry.metrics.HttpMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Collections;
import org.slf4j.MDC;

/**
 * Wraps every HTTP request: assigns the request id ({@code X-Request-Id}, the client's when
 * sensible, echoed in the response), starts the server span (child of the caller's propagated
 * context) when tracing is on, and when the response is done records the HTTP metrics and writes
 * the access log line. Requests are labelled by route template: the API's template when the
 * request matched a route, {@code /health} or {@code /metrics}, {@code /} for the web UI's files,
 * and {@code unmatched} for everything else, so no raw path or key ever becomes a label.
 */
public final class HttpTelemetryFilter implements Filter {
    /** The route value of requests that matched no route. */
    public static final String UNMATCHED = "unmatched";

    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
            return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key);
        }
    };

    private final HttpMetrics metrics;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /**
     * @param metrics where to record requests; {@code null} when metrics are disabled
     * @param tracer the tracer for server spans; {@code null} when tracing is disabled
     * @param propagator reads the caller's trace context (ignored without a tracer)
     */
    public HttpTelemetryFilter(HttpMetrics metrics, Tracer tracer, TextMapPropagator propagator) {
        this.metrics = metrics;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain) throws IOException, ServletException {
        if (!(servletRequest instanceof HttpServletRequest request) || !(servletResponse instanceof HttpServletResponse response)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        long start = System.nanoTime();
        String requestId = RequestIds.of(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, requestId);
        MDC.put(AccessLog.REQUEST_ID, requestId);
        Span span = null;
        Scope scope = null;
        if (tracer != null) {
            Context parent = propagator.extract(Context.root(), request, HEADERS);
            span = tracer.spanBuilder(HttpMetrics.methodLabel(request.getMethod()))
                    .setParent(parent)
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", HttpMetrics.methodLabel(request.getMethod()))
                    .setAttribute("url.scheme", request.getScheme())
                    .setAttribute("flipt.request_id", requestId)
                    .startSpan();
            scope = span.makeCurrent();
        }
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed ? 500 : response.getStatus();
            String route = routeOf(request);
            long duration = System.nanoTime() - start;
            if (metrics != null) {
                metrics.record(request.getMethod(), route, status, duration);
            }
            if (span != null) {
                span.updateName(HttpMetrics.methodLabel(request.getMethod()) + " " + route);
                span.setAttribute("http.route", route);
                span.setAttribute("http.response.status_code", status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
                scope.close();
            }
            AccessLog.http(HttpMetrics.methodLabel(request.getMethod()), route, status, duration, requestId);
            MDC.remove(AccessLog.REQUEST_ID);
        }
    }

    static String routeOf(HttpServletRequest request) {
        if (request.getAttribute(TranscodingServlet.ROUTE_ATTRIBUTE) instanceof String template) {
            return template;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getMappingMatch() == null) {
            return UNMATCHED;
        }
        MappingMatch match = mapping.getMappingMatch();
        return switch (match) {
            case EXACT -> mapping.getPattern();
            case DEFAULT, CONTEXT_ROOT -> "/";
            case PATH, EXTENSION -> UNMATCHED;
        };
    }
}
