package io.fliptj.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser session from an OIDC login with CSRF protection on: the session cookie lets the
 * browser's own page change things, a cross-site page sending the same cookie is refused and
 * changes nothing, and after logout the cookie is worthless.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OidcSessionCrossOriginTest {
    private static final TestIdentityProvider IDP = new TestIdentityProvider("flipt", "s3cr3t");
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.session.domain", "localhost"),
            ConfigOverride.config("authentication.session.csrf.key", "csrf-secret"),
            ConfigOverride.config("authentication.methods.oidc.enabled", "true"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.issuerUrl", IDP.issuer()),
            ConfigOverride.config("authentication.methods.oidc.providers.test.clientId", "flipt"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.clientSecret", "s3cr3t"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.redirectAddress", "http://flipt.example"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.usePkce", "true"));
    private static HttpApi http;

    @BeforeAll
    static void connect() {
        http = AuthServer.http(APP);
    }

    @AfterAll
    static void stopIdentityProvider() {
        IDP.close();
    }

    @Test
    void theSessionWorksForTheBrowsersOwnPagesOnly() throws Exception {
        String cookie = "flipt_client_token=" + login("dev@flipt.io");

        HttpApi.Response sameOrigin = http.post("/api/v1/namespaces/default/flags", "{\"key\":\"mine\",\"name\":\"Mine\"}",
                "Cookie", cookie, "Sec-Fetch-Site", "same-origin", "Origin", http.base());
        HttpApi.Response crossSite = http.post("/api/v1/namespaces/default/flags", "{\"key\":\"forged\",\"name\":\"Forged\"}",
                "Cookie", cookie, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");
        HttpApi.Response oldBrowser = http.send("DELETE", "/api/v1/namespaces/default/flags/mine", null,
                "Cookie", cookie, "Origin", "https://evil.example");
        HttpApi.Response crossSiteRead = http.get("/api/v1/namespaces/default/flags/mine",
                "Cookie", cookie, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example");

        assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.body()).isEqualTo("cross-origin request detected from Sec-Fetch-Site header\n");
        assertThat(oldBrowser.status()).isEqualTo(403);
        assertThat(crossSiteRead.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/default/flags/forged", "Cookie", cookie).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/namespaces/default/flags/mine", "Cookie", cookie).status()).isEqualTo(200);
    }

    @Test
    void aCrossSitePageCannotLogTheUserOutAndLogoutEndsTheSession() throws Exception {
        String cookie = "flipt_client_token=" + login("ops@flipt.io");

        HttpApi.Response forgedLogout = http.put("/auth/v1/self/expire", null, "Cookie", cookie, "Sec-Fetch-Site", "cross-site");
        assertThat(forgedLogout.status()).isEqualTo(403);
        assertThat(http.get("/auth/v1/self", "Cookie", cookie).status()).isEqualTo(200);

        HttpApi.Response logout = http.put("/auth/v1/self/expire", null, "Cookie", cookie, "Sec-Fetch-Site", "same-origin");
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.setCookies()).anyMatch(value -> value.startsWith("flipt_client_token=;") && value.contains("Max-Age=0"));
        HttpApi.Response afterwards = http.get("/auth/v1/self", "Cookie", cookie);
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.setCookies()).anyMatch(value -> value.startsWith("flipt_client_token=;"));
    }

    private static String login(String email) throws Exception {
        IDP.nextUser(Map.of("sub", email, "email", email, "name", email));
        HttpApi.Response authorize = http.get("/auth/v1/method/oidc/test/authorize?state=x");
        String state = cookieValue(authorize, "flipt_client_state");
        URI back = IDP.login(authorize.json().path("authorizeUrl").asText());
        HttpApi.Response callback = http.get(back.getRawPath() + "?" + back.getRawQuery(), "Cookie", "flipt_client_state=" + state);
        assertThat(callback.status()).as(callback.body()).isEqualTo(302);
        return cookieValue(callback, "flipt_client_token");
    }

    private static String cookieValue(HttpApi.Response response, String name) {
        String cookie = response.setCookies().stream().filter(value -> value.startsWith(name + "=")).findFirst().orElseThrow();
        return cookie.substring(name.length() + 1, cookie.indexOf(';'));
    }
}
