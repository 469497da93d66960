package io.fliptj.audit;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flipt's webhook sink: each event is POSTed on its own to the URL as Flipt's event JSON
 * ({@link EventJson#event}), with {@code Content-Type: application/json} and, when a signing
 * secret is set, {@value #SIGNATURE_HEADER}: the lower-case hex HMAC-SHA256 of the body keyed with
 * the secret.
 *
 * <p>{@link #send} never blocks: events join a bounded queue drained in order by one background
 * sender; an event arriving while the queue is full is dropped and counted in {@code dropped}. A
 * delivery succeeds on any 2xx answer; otherwise (another status, a connection error or no answer
 * within 5 seconds) it is retried with exponential backoff (500 ms growing by half each time,
 * ±50% jitter, as Flipt's backoff library) until the next attempt would start more than
 * {@code maxBackoff} after the first; then the event is logged as lost and the sender moves on.
 * {@link #close} gives queued events one attempt each for up to 5 seconds.
 */
public final class WebhookAuditSink implements AuditSink {
    /** The header carrying the body's signature. */
    public static final String SIGNATURE_HEADER = "x-flipt-webhook-signature";

    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookAuditSink.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INITIAL_INTERVAL = Duration.ofMillis(500);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    private static final double MULTIPLIER = 1.5;
    private static final double RANDOMIZATION = 0.5;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final URI url;
    private final byte[] signingSecret;
    private final Duration maxBackoff;
    private final BlockingQueue<AuditEvent> queue;
    private final Counter dropped;
    private final ZoneId zone;
    private final HttpClient client;
    private final Thread sender;
    private volatile boolean closing;
    /** Events dropped since the queue last accepted one; guarded by {@code this}. */
    private long droppedInARow;

    private WebhookAuditSink(URI url, String signingSecret, Duration maxBackoff, int queueCapacity, Counter dropped, ZoneId zone) {
        this.url = requireNonNull(url, "url is null");
        this.signingSecret = requireNonNull(signingSecret, "signingSecret is null").getBytes(StandardCharsets.UTF_8);
        this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff is null");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.dropped = requireNonNull(dropped, "dropped is null");
        this.zone = requireNonNull(zone, "zone is null");
        // HTTP/1.1 as Flipt's Go client speaks to http:// URLs (no h2c upgrade headers for the receiver to trip over)
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.sender = new Thread(this::run, "audit-webhook");
        this.sender.setDaemon(true);
    }

    /**
     * A sink whose sender is running.
     *
     * @param signingSecret empty for unsigned requests
     * @param queueCapacity how many events may wait for the sender
     * @param dropped counts the events dropped because the queue was full
     */
    public static WebhookAuditSink start(URI url, String signingSecret, Duration maxBackoff, int queueCapacity, Counter dropped,
            ZoneId zone) {
        WebhookAuditSink sink = new WebhookAuditSink(url, signingSecret, maxBackoff, queueCapacity, dropped, zone);
        sink.sender.start();
        return sink;
    }

    @Override
    public synchronized void send(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            if (!closing && queue.offer(event)) {
                if (droppedInARow > 0) {
                    LOGGER.warn("audit webhook queue has room again after dropping {} events", droppedInARow);
                    droppedInARow = 0;
                }
                continue;
            }
            dropped.inc();
            if (droppedInARow++ == 0) {
                LOGGER.warn("audit webhook queue is full ({} events); dropping events until the webhook catches up", queue.size());
            }
        }
    }

    /** How many events wait for the sender. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * The signature Flipt puts in {@value #SIGNATURE_HEADER}: lower-case hex HMAC-SHA256 of
     * {@code body} keyed with {@code secret} (not empty).
     */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException error) {
            throw new IllegalStateException("HmacSHA256 is not available", error);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        sender.join(CLOSE_GRACE.toMillis());
        if (sender.isAlive()) {
            sender.interrupt();
            sender.join(CLOSE_GRACE.toMillis());
        }
        if (!queue.isEmpty()) {
            LOGGER.warn("{} audit events were not delivered to the webhook before shutdown", queue.size());
        }
    }

    private void run() {
        try {
            while (!closing || !queue.isEmpty()) {
                AuditEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    deliver(event);
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(AuditEvent event) throws InterruptedException {
        byte[] body = EventJson.write(EventJson.event(event, zone), false).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signingSecret.length > 0) {
            request.header(SIGNATURE_HEADER, signature(signingSecret, body));
        }
        HttpRequest built = request.build();
        long started = System.nanoTime();
        double interval = INITIAL_INTERVAL.toNanos();
        while (true) {
            String failure = attempt(built);
            if (failure == null) {
                return;
            }
            long delay = jittered(interval);
            long elapsed = System.nanoTime() - started;
            if (closing || elapsed + delay > maxBackoff.toNanos()) {
                LOGGER.error("audit event {} was not delivered to the webhook {}: {}", event.pair(), url, failure);
                return;
            }
            LOGGER.debug("webhook request failed ({}), retrying", failure);
            TimeUnit.NANOSECONDS.sleep(delay);
            interval = Math.min(interval * MULTIPLIER, MAX_INTERVAL.toNanos());
        }
    }

    /** Sends once; {@code null} on success, else why it failed. */
    private String attempt(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "status " + status;
        } catch (IOException error) {
            return String.valueOf(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        }
    }

    private static long jittered(double interval) {
        double delta = RANDOMIZATION * interval;
        return (long) ThreadLocalRandom.current().nextDouble(interval - delta, interval + delta + 1);
    }
}
