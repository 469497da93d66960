package io.fliptj.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Excluding the management API from authentication does not open the audit trail, although it lives under {@code /api/v1}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditEventsExclusionTest {
    private static final String ROOT = "exclusion-root";
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.exclude.management", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", ROOT),
            ConfigOverride.config("audit.sinks.database.enabled", "true"));

    @Test
    void theAuditTrailStillNeedsCredentials() {
        HttpApi http = AuthServer.http(APP);

        assertThat(http.get("/api/v1/namespaces/default/flags").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/audit/events").status()).isEqualTo(401);
        assertThat(http.get("/internal/v1/audit/events").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/audit/events", HttpApi.bearer(ROOT)).status()).isEqualTo(200);
    }
}
