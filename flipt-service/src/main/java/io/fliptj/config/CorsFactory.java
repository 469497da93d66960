package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cors} section, as Flipt's: off by default; when on, every origin ({@code *}) and
 * Flipt's list of request headers are allowed unless configured otherwise.
 */
public final class CorsFactory {
    /** Flipt's default {@code cors.allowed_headers}. */
    public static final List<String> DEFAULT_ALLOWED_HEADERS = List.of(
            "Accept",
            "Authorization",
            "Content-Type",
            "X-CSRF-Token",
            "X-Fern-Language",
            "X-Fern-SDK-Name",
            "X-Fern-SDK-Version",
            "X-Flipt-Namespace",
            "X-Flipt-Accept-Server-Version");

    private boolean enabled;

    @NotNull
    private List<String> allowedOrigins = new ArrayList<>(List.of("*"));

    @NotNull
    private List<String> allowedHeaders = new ArrayList<>(DEFAULT_ALLOWED_HEADERS);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    @JsonProperty
    @JsonAlias("allowed_origins")
    @JsonDeserialize(using = CommaSeparatedList.class)
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @JsonProperty
    public List<String> getAllowedHeaders() {
        return allowedHeaders;
    }

    @JsonProperty
    @JsonAlias("allowed_headers")
    @JsonDeserialize(using = CommaSeparatedList.class)
    public void setAllowedHeaders(List<String> allowedHeaders) {
        this.allowedHeaders = allowedHeaders;
    }
}
