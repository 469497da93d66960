package io.fliptj.telemetry.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;

/** {@code metrics}: Prometheus metrics at {@code GET /metrics} on the HTTP port (Flipt's defaults: enabled, {@code prometheus}). */
public final class MetricsFactory {
    private boolean enabled = true;
    private String exporter = "prometheus";

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getExporter() {
        return exporter;
    }

    @JsonProperty
    public void setExporter(String exporter) {
        this.exporter = exporter == null || exporter.isEmpty() ? "prometheus" : exporter;
    }

    @JsonIgnore
    @ValidationMethod(message = "metrics.exporter must be prometheus (the otlp metrics exporter is not supported)")
    public boolean isExporterSupported() {
        return exporter.equals("prometheus");
    }
}
