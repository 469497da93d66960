package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code meta} section, as Flipt's. This server never calls out: it does not check for
 * updates nor send telemetry, so both switches are off and turning them on has no effect beyond
 * {@code /meta/config}.
 */
public final class MetaFactory {
    private boolean checkForUpdates;

    private boolean telemetryEnabled;

    private String stateDirectory;

    @JsonProperty
    public boolean isCheckForUpdates() {
        return checkForUpdates;
    }

    @JsonProperty
    @JsonAlias("check_for_updates")
    public void setCheckForUpdates(boolean checkForUpdates) {
        this.checkForUpdates = checkForUpdates;
    }

    @JsonProperty
    public boolean isTelemetryEnabled() {
        return telemetryEnabled;
    }

    @JsonProperty
    @JsonAlias("telemetry_enabled")
    public void setTelemetryEnabled(boolean telemetryEnabled) {
        this.telemetryEnabled = telemetryEnabled;
    }

    @JsonProperty
    public String getStateDirectory() {
        return stateDirectory;
    }

    @JsonProperty
    @JsonAlias("state_directory")
    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }
}
