package io.fliptj.audit.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code audit.sinks.webhook}: each event is POSTed as JSON to {@code url}, signed with
 * {@code signing_secret} (header {@code x-flipt-webhook-signature}, hex HMAC-SHA256 of the body)
 * when one is set, retried with exponential backoff for up to {@code max_backoff_duration}
 * (default 15s). Events wait for the sender in a queue of at most {@code queue_capacity} events
 * (this server's addition; default 2048, the queue Flipt's OpenTelemetry batch processor keeps);
 * events arriving while it is full are dropped and counted. Flipt's {@code templates} are not
 * supported.
 */
public final class WebhookSinkFactory {
    private boolean enabled;
    private String url = "";
    private String signingSecret = "";

    @NotNull
    private Duration maxBackoffDuration = Duration.seconds(15);

    @Min(1)
    @Max(1_000_000)
    private int queueCapacity = 2048;

    private List<Map<String, Object>> templates = new ArrayList<>();

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url == null ? "" : url.trim();
    }

    /** Never written back out (as in Flipt, the secret stays out of dumps of the configuration). */
    @JsonIgnore
    public String getSigningSecret() {
        return signingSecret;
    }

    @JsonProperty
    @JsonAlias("signing_secret")
    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret == null ? "" : signingSecret;
    }

    @JsonProperty
    public Duration getMaxBackoffDuration() {
        return maxBackoffDuration;
    }

    @JsonProperty
    @JsonAlias("max_backoff_duration")
    public void setMaxBackoffDuration(Duration maxBackoffDuration) {
        this.maxBackoffDuration = maxBackoffDuration;
    }

    @JsonProperty
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @JsonProperty
    @JsonAlias("queue_capacity")
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    @JsonProperty
    public List<Map<String, Object>> getTemplates() {
        return templates;
    }

    @JsonProperty
    public void setTemplates(List<Map<String, Object>> templates) {
        this.templates = templates == null ? new ArrayList<>() : templates;
    }

    /** The maximum backoff; Flipt's 15 seconds when configured as zero. */
    @JsonIgnore
    public java.time.Duration maxBackoff() {
        long nanos = maxBackoffDuration.toNanoseconds();
        return nanos <= 0 ? java.time.Duration.ofSeconds(15) : java.time.Duration.ofNanos(nanos);
    }

    @JsonIgnore
    @ValidationMethod(message = "audit.sinks.webhook.templates are not supported; set audit.sinks.webhook.url")
    public boolean isWithoutTemplates() {
        return !enabled || templates.isEmpty();
    }

    @JsonIgnore
    @ValidationMethod(message = "audit.sinks.webhook.url must be an absolute http or https URL when the webhook sink is enabled")
    public boolean isUrlValid() {
        if (!enabled || !templates.isEmpty()) {
            return true;
        }
        try {
            URI parsed = new URI(url);
            return parsed.isAbsolute() && parsed.getHost() != null
                    && ("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()));
        } catch (URISyntaxException error) {
            return false;
        }
    }
}
