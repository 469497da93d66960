package io.fliptj.audit.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code audit.sinks.database} (this server's addition): events are also kept in the database and
 * can be queried with {@code GET /api/v1/audit/events} (also at {@code /internal/v1/audit/events}).
 */
public final class DatabaseSinkFactory {
    private boolean enabled;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
