package io.fliptj.telemetry.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code tracing}: OpenTelemetry spans for REST requests, gRPC calls, evaluations and database
 * statements, exported over OTLP. Flipt's keys and defaults: disabled, {@code sampling_ratio} 1,
 * {@code propagators} {@code [tracecontext, baggage]}. Only the {@code otlp} exporter is supported.
 */
public final class TracingFactory {
    /** Propagator names as Flipt spells them; Flipt's {@code xray} is not supported. */
    public static final Set<String> PROPAGATORS = Set.of("tracecontext", "baggage", "b3", "b3multi", "jaeger", "ottrace", "none");

    private boolean enabled;
    private String exporter = "otlp";
    private double samplingRatio = 1;
    private List<String> propagators = new ArrayList<>(List.of("tracecontext", "baggage"));

    @Valid
    @NotNull
    private OtlpFactory otlp = new OtlpFactory();

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
        this.exporter = exporter == null || exporter.isEmpty() ? "otlp" : exporter;
    }

    @JsonProperty
    public double getSamplingRatio() {
        return samplingRatio;
    }

    @JsonProperty
    @JsonAlias("sampling_ratio")
    public void setSamplingRatio(double samplingRatio) {
        this.samplingRatio = samplingRatio;
    }

    @JsonProperty
    public List<String> getPropagators() {
        return propagators;
    }

    @JsonProperty
    public void setPropagators(List<String> propagators) {
        this.propagators = propagators == null ? new ArrayList<>() : new ArrayList<>(propagators);
    }

    @JsonProperty
    public OtlpFactory getOtlp() {
        return otlp;
    }

    @JsonProperty
    public void setOtlp(OtlpFactory otlp) {
        this.otlp = otlp;
    }

    @JsonIgnore
    @ValidationMethod(message = "tracing.exporter must be otlp (the jaeger and zipkin exporters are not supported)")
    public boolean isExporterSupported() {
        return exporter.equals("otlp");
    }

    @JsonIgnore
    @ValidationMethod(message = "tracing.sampling_ratio should be a number between 0 and 1")
    public boolean isSamplingRatioInRange() {
        return samplingRatio >= 0 && samplingRatio <= 1;
    }

    @JsonIgnore
    @ValidationMethod(message = "tracing.propagators may only contain tracecontext, baggage, b3, b3multi, jaeger, ottrace or none")
    public boolean isPropagatorsKnown() {
        return PROPAGATORS.containsAll(propagators);
    }
}
