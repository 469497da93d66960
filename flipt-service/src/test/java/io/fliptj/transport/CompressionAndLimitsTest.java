package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.fliptj.e2e.RestHttp;
import io.fliptj.e2e.RestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** gzip negotiation, request header and body limits, on the real server. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CompressionAndLimitsTest {
    static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void createFlags() {
        for (int index = 0; index < 20; index++) {
            HttpApi.Response created = AuthServer.http(APP).send("POST", "/api/v1/namespaces/default/flags",
                    "{\"key\":\"flag-" + index + "\",\"name\":\"A flag with a reasonably long name " + index + "\",\"enabled\":true}");
            assertThat(created.status()).isEqualTo(200);
        }
    }

    private static HttpResponse<byte[]> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode gunzipJson(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void compressesJsonForClientsThatAcceptGzip() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/namespaces/default/flags", null, "Accept-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(gunzipJson(response.body()).path("flags")).hasSize(20);
    }

    @Test
    void compressesPostResponsesToo() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int index = 0; index < 10; index++) {
            requests.append(index == 0 ? "" : ",").append("{\"flagKey\":\"flag-").append(index).append("\",\"entityId\":\"user\"}");
        }
        HttpResponse<byte[]> response = send("POST", "/evaluate/v1/batch", "{\"requests\":[" + requests + "]}",
                "Accept-Encoding", "gzip", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzipJson(response.body()).path("responses")).hasSize(10);
    }

    @Test
    void sendsPlainJsonToClientsThatDoNotAcceptGzip() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/namespaces/default/flags", null);

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(MAPPER.readTree(response.body()).path("flags")).hasSize(20);
    }

    @Test
    void leavesTinyResponsesUncompressed() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/health", null, "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"SERVING\"}");
    }

    @Test
    void leavesSingleEvaluationsUncompressed() throws Exception {
        HttpResponse<byte[]> variant = send("POST", "/evaluate/v1/variant", "{\"flagKey\":\"flag-1\",\"entityId\":\"user\"}",
                "Accept-Encoding", "gzip", "Content-Type", "application/json");
        assertThat(variant.statusCode()).isEqualTo(200);
        assertThat(variant.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(MAPPER.readTree(variant.body()).path("flagKey").asText()).isEqualTo("flag-1");
    }

    @Test
    void answersOversizedRequestHeadersWith431() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/namespaces", null, "X-Large", "x".repeat(64 * 1024));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":8,\"message\":\"request header fields too large\",\"details\":[]}");
    }

    @Test
    void acceptsHeadersUpToTheLimit() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/namespaces", null, "X-Large", "x".repeat(4 * 1024));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answersOversizedBodiesWith413InFliptsErrorFormat() throws Exception {
        String body = "{\"key\":\"big\",\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";

        RestResponse response = new RestHttp(APP.getLocalPort()).post("/api/v1/namespaces/default/flags", body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(MAPPER.readTree(response.body()).path("code").asInt()).isEqualTo(8);
    }

    @Test
    void addsNoCorsHeadersWhileCorsIsOff() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/api/v1/namespaces", null, "Origin", "https://app.example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
