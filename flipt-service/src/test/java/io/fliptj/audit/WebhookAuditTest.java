package io.fliptj.audit;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook sink in the running server: changes made through the REST API reach a real HTTP
 * receiver in order, as Flipt's signed event JSON, without any token in them; a receiver that
 * stops answering neither holds up API requests nor grows memory (overflow is dropped and counted
 * in the {@code audit.webhook.dropped} metric).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookAuditTest {
    private static final String ROOT = "webhook-root-token";
    private static final String SECRET = "webhook-signing-secret";
    private static final int QUEUE_CAPACITY = 4;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final WebhookReceiver RECEIVER = WebhookReceiver.start();
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", ROOT),
            ConfigOverride.config("audit.sinks.webhook.enabled", "true"),
            ConfigOverride.config("audit.sinks.webhook.url", RECEIVER.url().toString()),
            ConfigOverride.config("audit.sinks.webhook.signing_secret", SECRET),
            ConfigOverride.config("audit.sinks.webhook.max_backoff_duration", "30s"),
            ConfigOverride.config("audit.sinks.webhook.queueCapacity", Integer.toString(QUEUE_CAPACITY)));
    private static HttpApi http;

    @BeforeAll
    static void connect() {
        http = AuthServer.http(APP);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    @Order(1)
    void apiChangesArriveInOrderSignedAndWithoutTokens() throws Exception {
        // the audit trail hands events over in pairs (audit.buffer.capacity 2); each pair is awaited so
        // the small queue of this test never overflows while the sender warms up
        assertThat(http.post("/api/v1/namespaces/default/flags", "{\"key\":\"hooked\",\"name\":\"Hooked\"}", bearer(ROOT)).status())
                .isEqualTo(200);
        assertThat(http.put("/api/v1/namespaces/default/flags/hooked", "{\"name\":\"Hooked!\",\"enabled\":true}", bearer(ROOT)).status())
                .isEqualTo(200);
        assertThat(RECEIVER.await(list -> list.size() >= 2, WAIT)).hasSize(2);
        assertThat(http.post("/api/v1/namespaces/default/segments", "{\"key\":\"beta\",\"name\":\"Beta\",\"matchType\":\"ANY_MATCH_TYPE\"}",
                bearer(ROOT)).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/namespaces/default/segments/beta", bearer(ROOT)).status()).isEqualTo(200);
        assertThat(RECEIVER.await(list -> list.size() >= 4, WAIT)).hasSize(4);
        JsonNode token = http.post("/auth/v1/method/token", "{\"name\":\"ci\",\"description\":\"pipeline\"}", bearer(ROOT)).json();
        String clientToken = token.path("clientToken").asText();
        assertThat(clientToken).isNotEmpty();
        assertThat(http.delete("/auth/v1/tokens/" + token.path("authentication").path("id").asText(), bearer(ROOT)).status()).isEqualTo(200);

        List<WebhookReceiver.Delivery> deliveries = RECEIVER.await(list -> list.size() >= 6, WAIT);

        assertThat(deliveries).hasSize(6);
        List<JsonNode> events = deliveries.stream().map(delivery -> HttpApi.parse(delivery.text())).toList();
        assertThat(events).extracting(event -> event.path("type").asText() + ":" + event.path("action").asText())
                .containsExactly("flag:created", "flag:updated", "segment:created", "segment:deleted", "token:created", "token:deleted");
        assertThat(events.get(0).fieldNames()).toIterable()
                .containsExactly("version", "type", "action", "metadata", "payload", "timestamp", "status");
        assertThat(events.get(0).path("version").asText()).isEqualTo("0.2");
        assertThat(events.get(0).path("status").asText()).isEqualTo("success");
        assertThat(events.get(0).path("metadata").path("actor").path("authentication").asText()).isEqualTo("token");
        assertThat(events.get(0).path("payload").path("key").asText()).isEqualTo("hooked");
        assertThat(events.get(1).path("payload").path("enabled").asBoolean()).isTrue();
        assertThat(events.get(4).path("payload").path("io.flipt.auth.token.name").asText()).isEqualTo("ci");
        for (WebhookReceiver.Delivery delivery : deliveries) {
            assertThat(delivery.contentType()).isEqualTo("application/json");
            assertThat(delivery.signature()).isEqualTo(WebhookAuditSinkTest.hmacHex(SECRET, delivery.body()));
            assertThat(delivery.text()).doesNotContain(clientToken).doesNotContain(ROOT).doesNotContain(SECRET);
        }
    }

    @Test
    @Order(2)
    void aHangingReceiverDoesNotHoldUpRequestsAndOverflowIsCounted() throws Exception {
        RECEIVER.clear();
        Counter dropped = APP.getEnvironment().metrics().getCounters().get(AuditModule.WEBHOOK_DROPPED);
        long droppedBefore = dropped.getCount();
        RECEIVER.holdAnswers();
        try {
            createFlag("stuck-0");
            createFlag("stuck-1");
            assertThat(RECEIVER.await(list -> list.size() == 1, WAIT)).hasSize(1);

            for (int index = 2; index < 20; index++) {
                createFlag("stuck-" + index);
            }

            long expectedDrops = 20 - 1 - QUEUE_CAPACITY;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (dropped.getCount() - droppedBefore < expectedDrops && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // one event is with the held receiver, QUEUE_CAPACITY wait, the rest of the 20 are dropped
            assertThat(dropped.getCount() - droppedBefore).isEqualTo(expectedDrops);
            Gauge<?> depth = APP.getEnvironment().metrics().getGauges().get(AuditModule.WEBHOOK_QUEUE_DEPTH);
            assertThat(depth.getValue()).isEqualTo(QUEUE_CAPACITY);
            // only the first event was attempted (more than once if the held request timed out)
            assertThat(RECEIVER.deliveries()).extracting(WebhookReceiver.Delivery::text).containsOnly(RECEIVER.deliveries().get(0).text());
        } finally {
            RECEIVER.release();
        }
        assertThat(RECEIVER.await(list -> distinctBodies(list) == 1 + QUEUE_CAPACITY, WAIT))
                .extracting(WebhookReceiver.Delivery::text).doesNotHaveDuplicates().hasSize(1 + QUEUE_CAPACITY);
    }

    static long distinctBodies(List<WebhookReceiver.Delivery> deliveries) {
        return deliveries.stream().map(WebhookReceiver.Delivery::text).distinct().count();
    }

    private static void createFlag(String key) {
        HttpApi.Response response = http.post("/api/v1/namespaces/default/flags", "{\"key\":\"" + key + "\",\"name\":\"" + key + "\"}",
                bearer(ROOT));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
