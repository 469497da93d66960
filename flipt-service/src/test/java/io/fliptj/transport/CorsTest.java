package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * CORS as Flipt configures it (go-chi/cors with Flipt's options), on the real server: named
 * origins, a wildcard origin, authentication required.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsTest {
    static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("cors.enabled", "true"),
            ConfigOverride.config("cors.allowedOrigins", "https://app.example.com,https://*.trusted.example"),
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", "cors-test-token"));

    private HttpApi http() {
        return AuthServer.http(APP);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/v1/namespaces/default/flags",
        "/evaluate/v1/variant",
        "/internal/v1/evaluation/snapshot/namespace/default",
        "/ofrep/v1/evaluate/flags",
        "/auth/v1/self",
        "/meta/info",
        "/health",
    })
    void answersPreflightOnEveryPathWithoutAskingForCredentials(String path) {
        HttpApi.Response preflight = http().send("OPTIONS", path, null,
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, authorization, x-flipt-namespace");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.body()).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, Authorization, X-Flipt-Namespace");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("300");
        assertThat(preflight.headers().allValues("Vary")).contains("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    }

    @Test
    void matchesWildcardOriginsCaseInsensitively() {
        HttpApi.Response preflight = http().send("OPTIONS", "/evaluate/v1/variant", null,
                "Origin", "https://Team.Trusted.Example",
                "Access-Control-Request-Method", "PUT");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://Team.Trusted.Example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
    }

    @Test
    void preflightFromAnotherOriginGetsNoPermission() {
        HttpApi.Response preflight = http().send("OPTIONS", "/api/v1/namespaces", null,
                "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void preflightForAHeaderNotAllowedGetsNoPermission() {
        HttpApi.Response preflight = http().send("OPTIONS", "/api/v1/namespaces", null,
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "Content-Type, X-Custom");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightForAMethodNotAllowedGetsNoPermission() {
        HttpApi.Response preflight = http().send("OPTIONS", "/api/v1/namespaces", null,
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "PATCH");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void simpleRequestsFromAnAllowedOriginMayReadTheResponse() {
        HttpApi.Response response = http().send("GET", "/api/v1/namespaces", null,
                "Origin", "https://app.example.com",
                "Authorization", "Bearer cors-test-token");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Link");
        assertThat(response.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void errorsStillCarryTheCorsHeaders() {
        HttpApi.Response response = http().send("GET", "/api/v1/namespaces", null, "Origin", "https://app.example.com");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    }

    @Test
    void simpleRequestsFromAnotherOriginAreServedWithoutPermissionToRead() {
        HttpApi.Response response = http().send("GET", "/api/v1/namespaces", null,
                "Origin", "https://evil.example",
                "Authorization", "Bearer cors-test-token");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void metaConfigShowsTheCorsSettings() {
        HttpApi.Response config = http().send("GET", "/meta/config", null, "Authorization", "Bearer cors-test-token");

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("cors").path("enabled").asBoolean()).isTrue();
        assertThat(config.json().path("cors").path("allowedOrigins").toString())
                .isEqualTo("[\"https://app.example.com\",\"https://*.trusted.example\"]");
        assertThat(config.json().path("cors").path("allowedHeaders").toString()).contains("X-Flipt-Namespace");
        assertThat(config.json().path("meta").path("checkForUpdates").asBoolean(true)).isFalse();
    }
}
