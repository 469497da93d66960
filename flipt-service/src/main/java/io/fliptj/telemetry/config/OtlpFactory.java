package io.fliptj.telemetry.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tracing.otlp}: where spans are sent. As in Flipt, an {@code http://} or {@code https://}
 * endpoint is OTLP over HTTP/protobuf (spans are posted to {@code <endpoint>/v1/traces}); a
 * {@code grpc://} endpoint or a bare {@code host:port} is OTLP over gRPC (plaintext).
 * {@code headers} are sent with every export (e.g. an API key); they are never logged.
 */
public final class OtlpFactory {
    @NotEmpty
    private String endpoint = "localhost:4317";

    private Map<String, String> headers = new LinkedHashMap<>();

    @JsonProperty
    public String getEndpoint() {
        return endpoint;
    }

    @JsonProperty
    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @JsonProperty
    public Map<String, String> getHeaders() {
        return headers;
    }

    @JsonProperty
    public void setHeaders(Map<String, String> headers) {
        this.headers = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
    }
}
