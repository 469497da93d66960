package io.fliptj.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.JsonNode;
import io.fliptj.auth.HttpApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookAuditSink} against a real HTTP receiver: signing, retries, giving up, the bounded queue. */
class WebhookAuditSinkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private WebhookReceiver receiver;
    private WebhookAuditSink sink;
    private final Counter dropped = new Counter();

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.release();
        if (sink != null) {
            sink.close();
        }
        receiver.close();
    }

    @Test
    void postsEachEventAsFliptsJsonSignedWithTheSecret() throws Exception {
        sink = WebhookAuditSink.start(receiver.url(), "s3cret", Duration.ofSeconds(5), 16, dropped, ZoneOffset.UTC);

        sink.send(List.of(event("flag", "created"), event("segment", "deleted")));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(list -> list.size() == 2, WAIT);
        assertThat(deliveries).hasSize(2);
        JsonNode first = HttpApi.parse(deliveries.get(0).text());
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("version", "type", "action", "metadata", "payload", "timestamp", "status");
        assertThat(first.path("type").asText()).isEqualTo("flag");
        assertThat(first.path("timestamp").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(first.path("metadata").path("actor").path("authentication").asText()).isEqualTo("token");
        assertThat(HttpApi.parse(deliveries.get(1).text()).path("type").asText()).isEqualTo("segment");
        for (WebhookReceiver.Delivery delivery : deliveries) {
            assertThat(delivery.contentType()).isEqualTo("application/json");
            assertThat(delivery.signature()).isEqualTo(hmacHex("s3cret", delivery.body()));
        }
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        assertThat(WebhookAuditSink.signature("Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void withoutASecretRequestsAreUnsigned() throws Exception {
        sink = WebhookAuditSink.start(receiver.url(), "", Duration.ofSeconds(5), 16, dropped, ZoneOffset.UTC);

        sink.send(List.of(event("flag", "created")));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(list -> list.size() == 1, WAIT);
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).signature()).isNull();
    }

    @Test
    void retriesAFailingReceiverWithTheSameSignedBody() throws Exception {
        receiver.failNext(2);
        sink = WebhookAuditSink.start(receiver.url(), "s3cret", Duration.ofSeconds(10), 16, dropped, ZoneOffset.UTC);

        sink.send(List.of(event("flag", "created")));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(list -> list.size() == 3, WAIT);
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::text).containsOnly(deliveries.get(0).text());
        assertThat(deliveries).extracting(WebhookReceiver.Delivery::signature).containsOnly(hmacHex("s3cret", deliveries.get(0).body()));
        Thread.sleep(1500);
        assertThat(receiver.deliveries()).hasSize(3);
    }

    @Test
    void givesUpAfterTheMaximumBackoffAndMovesOn() throws Exception {
        receiver.failNext(Integer.MAX_VALUE);
        sink = WebhookAuditSink.start(receiver.url(), "", Duration.ofSeconds(1), 16, dropped, ZoneOffset.UTC);

        sink.send(List.of(event("flag", "created"), event("segment", "created")));

        List<WebhookReceiver.Delivery> deliveries = receiver.await(
                list -> list.stream().anyMatch(delivery -> delivery.text().contains("\"segment\"")), WAIT);
        List<String> types = deliveries.stream().map(delivery -> HttpApi.parse(delivery.text()).path("type").asText()).toList();
        assertThat(types).contains("segment");
        assertThat(types.subList(0, types.indexOf("segment"))).hasSizeGreaterThan(1).containsOnly("flag");
    }

    @Test
    void dropsAndCountsEventsWhileTheQueueIsFull() throws Exception {
        receiver.holdAnswers();
        sink = WebhookAuditSink.start(receiver.url(), "", Duration.ofSeconds(30), 2, dropped, ZoneOffset.UTC);

        sink.send(List.of(event("flag", "created")));
        receiver.await(list -> list.size() == 1, WAIT);
        sink.send(IntStream.range(0, 5).mapToObj(index -> event("variant", "created", "v" + index)).toList());

        assertThat(sink.queueDepth()).isEqualTo(2);
        assertThat(dropped.getCount()).isEqualTo(3);
        receiver.release();
        assertThat(WebhookAuditTest.distinctBodies(receiver.await(list -> WebhookAuditTest.distinctBodies(list) == 3, WAIT))).isEqualTo(3);
    }

    private static AuditEvent event(String type, String action) {
        return event(type, action, "k");
    }

    private static AuditEvent event(String type, String action, String key) {
        return new AuditEvent(java.util.UUID.randomUUID().toString(), type, action, AuditEvent.SUCCESS,
                new Actor("token", "127.0.0.1", "", "", ""), HttpApi.parse("{\"key\":\"" + key + "\",\"namespace_key\":\"default\"}"),
                Instant.parse("2024-05-01T10:00:00.123456Z"), "default");
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException error) {
            throw new IllegalStateException(error);
        }
    }
}
