package io.fliptj.telemetry.logging;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One INFO line per REST request and per network gRPC call on the logger {@code io.fliptj.access}
 * (set it to {@code WARN} to silence it): transport, method, route template (REST) or full method
 * name (gRPC), status, duration in milliseconds and request id. The same fields are MDC entries
 * while the line is written, so JSON logs carry them as top-level keys. Nothing else of the
 * request is logged: no headers, tokens, cookies, paths with keys, or evaluation context.
 */
public final class AccessLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("io.fliptj.access");

    /** The MDC key holding the current request's id while it is handled. */
    public static final String REQUEST_ID = "request_id";

    private AccessLog() {
        throw new AssertionError("no instances");
    }

    public static boolean isEnabled() {
        return LOGGER.isInfoEnabled();
    }

    public static void http(String method, String route, int status, long durationNanos, String requestId) {
        write("http", method, route, Integer.toString(status), durationNanos, requestId);
    }

    public static void grpc(String fullMethodName, String code, long durationNanos, String requestId) {
        write("grpc", "POST", fullMethodName, code, durationNanos, requestId);
    }

    private static void write(String transport, String method, String route, String status, long durationNanos, String requestId) {
        if (!LOGGER.isInfoEnabled()) {
            return;
        }
        String duration = String.format(Locale.ROOT, "%.3f", durationNanos / 1e6);
        String previousRequestId = MDC.get(REQUEST_ID);
        MDC.put("transport", transport);
        MDC.put("method", method);
        MDC.put("route", route);
        MDC.put("status", status);
        MDC.put("duration_ms", duration);
        MDC.put(REQUEST_ID, requestId);
        try {
            LOGGER.info("{} {} {} {} {} ms request_id={}", transport, method, route, status, duration, requestId);
        } finally {
            MDC.remove("transport");
            MDC.remove("method");
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("duration_ms");
            if (previousRequestId == null) {
                MDC.remove(REQUEST_ID);
            } else {
                MDC.put(REQUEST_ID, previousRequestId);
            }
        }
    }
}
