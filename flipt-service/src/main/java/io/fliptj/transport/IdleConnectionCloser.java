package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.Graceful;

/**
 * Closes idle keep-alive connections during Jetty's graceful stop, as Go's
 * {@code http.Server.Shutdown} does: once the listeners stop accepting, every connection that
 * has no request in progress is closed, and each busy one as soon as its response is complete,
 * so the stop ends when the last in-flight request does instead of when idle clients give up.
 *
 * <p>Jetty alone would shorten every connection's idle timeout on stop, which also fails busy
 * requests whose client is momentarily quiet (a slow upload); {@link #install} therefore keeps the
 * connectors' own idle timeout for the stop and leaves idle connections to this class.
 */
public final class IdleConnectionCloser implements Graceful {
    private static final long POLL_MILLIS = 25;

    private final Server server;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private IdleConnectionCloser(Server server) {
        this.server = requireNonNull(server, "server is null");
    }

    /** Adds the closer to {@code server}, whose connectors must already be set. */
    public static void install(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector abstractConnector) {
                abstractConnector.setShutdownIdleTimeout(abstractConnector.getIdleTimeout());
            }
        }
        server.addBean(new IdleConnectionCloser(server), false);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        if (started.compareAndSet(false, true)) {
            Thread poller = new Thread(this::closeIdleUntilNoneLeft, "flipt-idle-connection-closer");
            poller.setDaemon(true);
            poller.start();
        }
        return done;
    }

    @Override
    public boolean isShutdown() {
        return started.get();
    }

    private void closeIdleUntilNoneLeft() {
        try {
            while (closeIdle() > 0) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            done.complete(null);
        }
    }

    /** Closes the idle connections; answers how many connections are still open. */
    private int closeIdle() {
        int open = 0;
        for (Connector connector : server.getConnectors()) {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (isIdle(endPoint.getConnection())) {
                    endPoint.close();
                } else {
                    open++;
                }
            }
        }
        return open;
    }

    private static boolean isIdle(Connection connection) {
        Connection http = connection instanceof SslConnection ssl ? ssl.getSslEndPoint().getConnection() : connection;
        return http instanceof HttpConnection httpConnection
                && httpConnection.getHttpChannel().getRequest() == null
                && httpConnection.isRequestBufferEmpty();
    }
}
