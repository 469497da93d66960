package io.fliptj.audit;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import io.dropwizard.core.setup.Environment;
import io.fliptj.audit.config.AuditFactory;
import io.fliptj.audit.config.LogSinkFactory;
import io.fliptj.audit.config.WebhookSinkFactory;
import io.fliptj.auth.TokenEvents;
import io.fliptj.authz.AuthorizationInterceptor;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the audit trail contributes to the server while a sink is enabled: the interceptor, the
 * token and denial hooks, the sinks' lifecycle and, with the database sink, the query service. With
 * the webhook sink, registers the metrics {@value #WEBHOOK_QUEUE_DEPTH} and {@value #WEBHOOK_DROPPED}.
 */
public final class AuditModule {
    /** Gauge: events waiting for the webhook sender. */
    public static final String WEBHOOK_QUEUE_DEPTH = "audit.webhook.queue.depth";
    /** Counter: events the webhook sink dropped because its queue was full. */
    public static final String WEBHOOK_DROPPED = "audit.webhook.dropped";

    private final AuditFactory config;
    private final AuditEventStore store;
    private final AuditTrail trail;
    private final AuditInterceptor interceptor;

    /** Builds the trail when {@code config} enables a sink and registers it with {@code environment}'s lifecycle. */
    public AuditModule(AuditFactory config, AuditEventStore store, Clock clock, Environment environment) {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        requireNonNull(clock, "clock is null");
        if (!config.isEnabled()) {
            this.trail = null;
            this.interceptor = null;
            return;
        }
        List<AuditSink> sinks = new ArrayList<>();
        LogSinkFactory log = config.getSinks().getLog();
        if (log.isEnabled()) {
            try {
                Path file = log.getFile() == null || log.getFile().isBlank() ? null : Path.of(log.getFile());
                sinks.add(LogAuditSink.create(file, log.getEncoding(), clock, ZoneId.systemDefault()));
            } catch (IOException error) {
                throw new UncheckedIOException("cannot open the audit log file " + log.getFile(), error);
            }
        }
        WebhookSinkFactory webhook = config.getSinks().getWebhook();
        if (webhook.isEnabled()) {
            WebhookAuditSink sink = WebhookAuditSink.start(URI.create(webhook.getUrl()), webhook.getSigningSecret(), webhook.maxBackoff(),
                    webhook.getQueueCapacity(), environment.metrics().counter(WEBHOOK_DROPPED), ZoneId.systemDefault());
            environment.metrics().register(WEBHOOK_QUEUE_DEPTH, (Gauge<Integer>) sink::queueDepth);
            sinks.add(sink);
        }
        this.trail = new AuditTrail(EventFilter.of(config.getEvents()), sinks,
                config.getSinks().getDatabase().isEnabled() ? store : null,
                config.getBuffer().getCapacity(), Duration.ofNanos(config.getBuffer().getFlushPeriod().toNanoseconds()), clock);
        this.interceptor = new AuditInterceptor(trail);
        environment.lifecycle().manage(trail);
    }

    /** The audit interceptor, to register inside authentication and outside authorization; empty when auditing is off. */
    public Optional<ServerInterceptor> interceptor() {
        return Optional.ofNullable(interceptor);
    }

    /** Records token creation and deletion, or nothing when auditing is off. */
    public TokenEvents tokenEvents() {
        return trail == null ? TokenEvents.NONE : new AuditTokenEvents(trail);
    }

    /** Records denied changes, or nothing when auditing is off. */
    public AuthorizationInterceptor.DenialListener denialListener() {
        return interceptor == null ? AuthorizationInterceptor.DenialListener.NONE : interceptor.denialListener();
    }

    /** The audit query service, when events are kept in the database. */
    public List<BindableService> services() {
        return trail != null && config.getSinks().getDatabase().isEnabled() ? List.of(new AuditGrpcService(store)) : List.of();
    }
}
