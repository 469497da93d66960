package io.fliptj.audit.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code audit.sinks}: where events go. Flipt's Kafka sink is not available here. */
@JsonIgnoreProperties({"kafka", "cloud"})
public final class SinksFactory {
    @Valid
    @NotNull
    private LogSinkFactory log = new LogSinkFactory();

    @Valid
    @NotNull
    private DatabaseSinkFactory database = new DatabaseSinkFactory();

    @Valid
    @NotNull
    private WebhookSinkFactory webhook = new WebhookSinkFactory();

    @JsonProperty
    public LogSinkFactory getLog() {
        return log;
    }

    @JsonProperty
    public void setLog(LogSinkFactory log) {
        this.log = log;
    }

    @JsonProperty
    public DatabaseSinkFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseSinkFactory database) {
        this.database = database;
    }

    @JsonProperty
    public WebhookSinkFactory getWebhook() {
        return webhook;
    }

    @JsonProperty
    public void setWebhook(WebhookSinkFactory webhook) {
        this.webhook = webhook;
    }
}
