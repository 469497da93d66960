package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CORS with Flipt's defaults once enabled: every origin, Flipt's list of request headers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsDefaultsTest {
    static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(ConfigOverride.config("cors.enabled", "true"));

    @Test
    void allowsEveryOriginWithAStar() {
        HttpApi.Response preflight = AuthServer.http(APP).send("OPTIONS", "/evaluate/v1/boolean", null,
                "Origin", "https://anywhere.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "X-Fern-SDK-Name, X-Flipt-Accept-Server-Version, X-CSRF-Token, Accept");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("X-Fern-Sdk-Name, X-Flipt-Accept-Server-Version, X-Csrf-Token, Accept");
    }

    @Test
    void refusesHeadersOutsideFliptsList() {
        HttpApi.Response preflight = AuthServer.http(APP).send("OPTIONS", "/evaluate/v1/boolean", null,
                "Origin", "https://anywhere.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "X-Other");

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void simpleRequestsGetAStar() {
        HttpApi.Response response = AuthServer.http(APP).send("POST", "/evaluate/v1/boolean", "{\"flagKey\":\"missing\",\"entityId\":\"e\"}",
                "Origin", "https://anywhere.example");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}
