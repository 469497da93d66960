package io.fliptj.audit.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.dropwizard.validation.ValidationMethod;
import io.fliptj.audit.EventFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code audit} section: the audit trail records who created, updated or deleted what (and
 * which attempts authorization denied) while at least one sink is enabled. {@code events}
 * selects the {@code noun:verb} pairs recorded ({@code ["*:*"]}).
 */
public final class AuditFactory {
    @Valid
    @NotNull
    private SinksFactory sinks = new SinksFactory();

    @Valid
    @NotNull
    private BufferFactory buffer = new BufferFactory();

    @NotNull
    private List<String> events = new ArrayList<>(List.of("*:*"));

    @JsonProperty
    public SinksFactory getSinks() {
        return sinks;
    }

    @JsonProperty
    public void setSinks(SinksFactory sinks) {
        this.sinks = sinks;
    }

    @JsonProperty
    public BufferFactory getBuffer() {
        return buffer;
    }

    @JsonProperty
    public void setBuffer(BufferFactory buffer) {
        this.buffer = buffer;
    }

    @JsonProperty
    public List<String> getEvents() {
        return events;
    }

    @JsonProperty
    @JsonDeserialize(using = EventListDeserializer.class)
    public void setEvents(List<String> events) {
        this.events = events == null ? new ArrayList<>() : events;
    }

    /** Whether any sink is enabled, which switches the audit trail on. */
    @JsonIgnore
    public boolean isEnabled() {
        return sinks.getLog().isEnabled() || sinks.getDatabase().isEnabled() || sinks.getWebhook().isEnabled();
    }

    @JsonIgnore
    @ValidationMethod(message = "audit.events must be noun:verb pairs (nouns: constraint, distribution, flag, namespace, rollout, "
            + "rule, segment, token, variant or *; verbs: created, updated, deleted or *), each pair once")
    public boolean isEventsValid() {
        try {
            EventFilter.of(events);
            return true;
        } catch (IllegalArgumentException error) {
            return false;
        }
    }
}
