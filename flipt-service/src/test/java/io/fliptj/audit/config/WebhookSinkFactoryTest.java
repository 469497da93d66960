package io.fliptj.audit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Flipt's {@code audit.sinks.webhook} keys, defaults and validation. */
class WebhookSinkFactoryTest {
    private final YamlConfigurationFactory<AuditFactory> factory = new YamlConfigurationFactory<>(
            AuditFactory.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void readsFliptsKeysAndEnablesTheTrail() throws Exception {
        AuditFactory config = parse("""
                sinks:
                  webhook:
                    enabled: true
                    url: https://hooks.example.com/flipt
                    signing_secret: s3cret
                    max_backoff_duration: 1m
                buffer:
                  capacity: 5
                  flush_period: 3m
                """);

        WebhookSinkFactory webhook = config.getSinks().getWebhook();
        assertThat(config.isEnabled()).isTrue();
        assertThat(webhook.getUrl()).isEqualTo("https://hooks.example.com/flipt");
        assertThat(webhook.getSigningSecret()).isEqualTo("s3cret");
        assertThat(webhook.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(webhook.getQueueCapacity()).isEqualTo(2048);
        assertThat(config.getBuffer().getCapacity()).isEqualTo(5);
    }

    @Test
    void defaultsToFifteenSecondsOfBackoffAndIsOff() {
        WebhookSinkFactory webhook = new WebhookSinkFactory();

        assertThat(webhook.isEnabled()).isFalse();
        assertThat(webhook.maxBackoff()).isEqualTo(Duration.ofSeconds(15));
        assertThat(new AuditFactory().isEnabled()).isFalse();
    }

    @Test
    void theSecretIsNeverWrittenOut() throws Exception {
        WebhookSinkFactory webhook = new WebhookSinkFactory();
        webhook.setSigningSecret("s3cret");

        assertThat(new ObjectMapper().writeValueAsString(webhook)).doesNotContain("s3cret").doesNotContain("igningSecret");
    }

    @Test
    void anEnabledWebhookNeedsAnHttpUrl() {
        assertThatThrownBy(() -> parse("sinks: {webhook: {enabled: true}}"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("audit.sinks.webhook.url must be an absolute http or https URL");
        assertThatThrownBy(() -> parse("sinks: {webhook: {enabled: true, url: 'ftp://example.com/x'}}"))
                .isInstanceOf(ConfigurationValidationException.class);
    }

    @Test
    void templatesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> parse("""
                sinks:
                  webhook:
                    enabled: true
                    templates:
                      - url: https://hooks.slack.com/x
                        body: '{"text": "{{ .Type }}"}'
                """))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("audit.sinks.webhook.templates are not supported");
    }

    private AuditFactory parse(String yaml) throws Exception {
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "audit.yml");
    }
}
