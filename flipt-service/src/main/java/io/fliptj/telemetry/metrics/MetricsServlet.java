package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code GET /metrics}: every registered metric in the Prometheus text exposition format (0.0.4), as Flipt serves it, without authentication. */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry;
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsServlet(PrometheusRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, registry.scrape());
        response.setStatus(200);
        response.setContentType(writer.getContentType());
        response.setContentLength(body.size());
        if (!request.getMethod().equals("HEAD")) {
            body.writeTo(response.getOutputStream());
        }
    }
}
