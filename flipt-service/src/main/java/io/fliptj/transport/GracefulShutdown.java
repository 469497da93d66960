package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of stopping (on SIGTERM): before Jetty stops accepting connections, the server
 * reports itself not serving ({@code /health}, {@code grpc.health.v1} and the admin health check)
 * and keeps serving for {@code delay}, so load balancers take it out of rotation; then the gRPC
 * listener stops accepting. Jetty's graceful stop and {@code GrpcServer#stop} then let in-flight
 * requests finish within their grace periods.
 */
public final class GracefulShutdown implements LifeCycle.Listener {
    private static final Logger LOGGER = LoggerFactory.getLogger(GracefulShutdown.class);

    /** What is told to stop serving, in order. */
    public interface Drainable {
        /** Report not serving to health checks; keep serving requests. */
        void markNotServing();

        /** Stop accepting new connections and calls; let in-flight ones finish. */
        void stopAccepting();
    }

    private final Duration delay;
    private final Drainable drainable;
    private final AtomicBoolean draining = new AtomicBoolean();

    public GracefulShutdown(Duration delay, Drainable drainable) {
        this.delay = requireNonNull(delay, "delay is null");
        this.drainable = requireNonNull(drainable, "drainable is null");
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Unhealthy once shutdown has begun. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return isDraining() ? Result.unhealthy("shutting down") : Result.healthy();
            }
        };
    }

    @Override
    public void lifeCycleStopping(LifeCycle event) {
        if (!(event instanceof Server) || !draining.compareAndSet(false, true)) {
            return;
        }
        LOGGER.info("Shutting down: reporting NOT_SERVING for {} ms before closing the listeners", delay.toMillis());
        drainable.markNotServing();
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        drainable.stopAccepting();
    }
}
