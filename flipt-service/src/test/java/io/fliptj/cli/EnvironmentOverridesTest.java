package io.fliptj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link EnvironmentOverrides}. */
class EnvironmentOverridesTest {
    @Test
    void mapsAuthenticationVariablesNamedAsFliptNamesThem() {
        Map<String, String> properties = EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUTHENTICATION_REQUIRED", "true",
                "FLIPT_AUTHENTICATION_METHODS_TOKEN_ENABLED", "true",
                "FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_TOKEN", "s3cr3t",
                "FLIPT_AUTHENTICATION_EXCLUDE_EVALUATION", "true",
                "FLIPT_AUTHENTICATION_METHODS_JWT_JWKS_URL", "https://issuer/.well-known/jwks.json"));

        assertThat(properties).containsOnly(
                Map.entry("dw.authentication.required", "true"),
                Map.entry("dw.authentication.methods.token.enabled", "true"),
                Map.entry("dw.authentication.methods.token.bootstrap.token", "s3cr3t"),
                Map.entry("dw.authentication.exclude.evaluation", "true"),
                Map.entry("dw.authentication.methods.jwt.jwksUrl", "https://issuer/.well-known/jwks.json"));
    }

    @Test
    void mapsDeclarativeStorageVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_STORAGE_TYPE", "git",
                "FLIPT_STORAGE_LOCAL_PATH", "/etc/flipt/features",
                "FLIPT_STORAGE_GIT_REPOSITORY", "https://example.com/flags.git",
                "FLIPT_STORAGE_GIT_REF", "release",
                "FLIPT_STORAGE_GIT_POLL_INTERVAL", "1m",
                "FLIPT_STORAGE_GIT_AUTHENTICATION_TOKEN_ACCESS_TOKEN", "t0ken")))
                .containsOnly(
                        Map.entry("dw.storage.type", "GIT"),
                        Map.entry("dw.storage.local.path", "/etc/flipt/features"),
                        Map.entry("dw.storage.git.repository", "https://example.com/flags.git"),
                        Map.entry("dw.storage.git.ref", "release"),
                        Map.entry("dw.storage.git.pollInterval", "60000000000ns"),
                        Map.entry("dw.storage.git.authentication.token.accessToken", "t0ken"));
    }

    @Test
    void turnsSpaceSeparatedListsIntoCommaSeparatedOnes() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUTHENTICATION_METHODS_JWT_VALIDATE_CLAIMS_AUDIENCES", "flipt  other",
                "FLIPT_AUTHENTICATION_SESSION_CSRF_TRUSTED_ORIGINS", "https://a.example")))
                .containsOnly(
                        Map.entry("dw.authentication.methods.jwt.validateClaims.audiences", "flipt,other"),
                        Map.entry("dw.authentication.session.csrf.trustedOrigins", "https://a.example"));
    }

    @Test
    void convertsGoDurations() {
        assertThat(EnvironmentOverrides.goDuration("24h")).isEqualTo("86400000000000ns");
        assertThat(EnvironmentOverrides.goDuration("1h30m")).isEqualTo("5400000000000ns");
        assertThat(EnvironmentOverrides.goDuration("1.5s")).isEqualTo("1500000000ns");
        assertThat(EnvironmentOverrides.goDuration("0")).isEqualTo("0s");
        assertThat(EnvironmentOverrides.goDuration("10 minutes")).isEqualTo("10 minutes");
        assertThat(EnvironmentOverrides.properties(Map.of("FLIPT_AUTHENTICATION_SESSION_TOKEN_LIFETIME", "30m")))
                .containsOnly(Map.entry("dw.authentication.session.tokenLifetime", "1800000000000ns"));
    }

    @Test
    void namesOidcProvidersInsideTheVariable() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_GOOGLE_CLIENT_ID", "id",
                "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_GOOGLE_SCOPES", "email profile",
                "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_MY_IDP_USE_PKCE", "true")))
                .containsOnly(
                        Map.entry("dw.authentication.methods.oidc.providers.google.clientId", "id"),
                        Map.entry("dw.authentication.methods.oidc.providers.google.scopes", "email,profile"),
                        Map.entry("dw.authentication.methods.oidc.providers.my_idp.usePkce", "true"));
    }

    @Test
    void mapsAuthorizationVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUTHORIZATION_REQUIRED", "true",
                "FLIPT_AUTHORIZATION_LOCAL_POLICY_PATH", "/etc/flipt/policy.yml",
                "FLIPT_AUTHORIZATION_LOCAL_POLICY_POLL_INTERVAL", "30s")))
                .containsOnly(
                        Map.entry("dw.authorization.required", "true"),
                        Map.entry("dw.authorization.local.policy.path", "/etc/flipt/policy.yml"),
                        Map.entry("dw.authorization.local.policy.pollInterval", "30000000000ns"));
    }

    @Test
    void mapsAuditVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUDIT_SINKS_LOG_ENABLED", "true",
                "FLIPT_AUDIT_SINKS_LOG_FILE", "/var/log/flipt/audit.log",
                "FLIPT_AUDIT_BUFFER_FLUSH_PERIOD", "3m",
                "FLIPT_AUDIT_EVENTS", "flag:* token:created")))
                .containsOnly(
                        Map.entry("dw.audit.sinks.log.enabled", "true"),
                        Map.entry("dw.audit.sinks.log.file", "/var/log/flipt/audit.log"),
                        Map.entry("dw.audit.buffer.flushPeriod", "180000000000ns"),
                        Map.entry("dw.audit.events", "flag:*,token:created"));
    }

    @Test
    void mapsWebhookSinkVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_AUDIT_SINKS_WEBHOOK_ENABLED", "true",
                "FLIPT_AUDIT_SINKS_WEBHOOK_URL", "https://hooks.example.com/flipt",
                "FLIPT_AUDIT_SINKS_WEBHOOK_SIGNING_SECRET", "s3cret",
                "FLIPT_AUDIT_SINKS_WEBHOOK_MAX_BACKOFF_DURATION", "1m30s",
                "FLIPT_AUDIT_SINKS_WEBHOOK_QUEUE_CAPACITY", "500")))
                .containsOnly(
                        Map.entry("dw.audit.sinks.webhook.enabled", "true"),
                        Map.entry("dw.audit.sinks.webhook.url", "https://hooks.example.com/flipt"),
                        Map.entry("dw.audit.sinks.webhook.signingSecret", "s3cret"),
                        Map.entry("dw.audit.sinks.webhook.maxBackoffDuration", "90000000000ns"),
                        Map.entry("dw.audit.sinks.webhook.queueCapacity", "500"));
    }

    @Test
    void ignoresUnknownAndEmptyVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of("FLIPT_UNKNOWN", "x", "FLIPT_AUTHENTICATION_REQUIRED", "", "HOME", "/root")))
                .isEmpty();
    }
}
