package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** {@code storage.local}: a directory of features files, read-only, re-read every {@code pollInterval} when changed. */
public final class LocalStorageFactory {
    @NotEmpty
    private String path = ".";

    @NotNull
    private Duration pollInterval = Duration.seconds(30);

    @JsonProperty
    public String getPath() {
        return path;
    }

    @JsonProperty
    public void setPath(String path) {
        this.path = path;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    @JsonAlias("poll_interval")
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
