package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.fliptj.config.CorsFactory;
import io.fliptj.config.FliptServerFactory;
import io.fliptj.grpc.GrpcServer;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Wires what the listeners need beyond the API: TLS for gRPC when {@code server.protocol} is
 * https (the HTTP side is built by {@link FliptServerFactory}), CORS in front of every HTTP path,
 * and the graceful shutdown sequence with its health check.
 */
public final class TransportModule {
    private final Optional<FliptServerFactory> server;
    private final CorsFactory cors;
    private final Optional<PemKeyMaterial> tls;

    /**
     * Reads the TLS certificate at once, so a bad one stops start-up before anything is opened.
     *
     * @throws IllegalArgumentException when the certificate or key cannot be used
     */
    public TransportModule(ServerFactory server, CorsFactory cors) {
        requireNonNull(server, "server is null");
        this.server = server instanceof FliptServerFactory flipt ? Optional.of(flipt) : Optional.empty();
        this.cors = requireNonNull(cors, "cors is null");
        this.tls = this.server.flatMap(FliptServerFactory::tls);
    }

    /** TLS with the server certificate when the protocol is https, plaintext otherwise. */
    public ServerCredentials grpcCredentials() {
        return tls.<ServerCredentials>map(material -> TlsServerCredentials.newBuilder().keyManager(material.keyManagers()).build())
                .orElseGet(InsecureServerCredentials::create);
    }

    /** Registers CORS (before any other filter registered after this call) and the shutdown sequence. */
    public void register(Environment environment, GrpcServer grpcServer) {
        if (cors.isEnabled()) {
            environment.servlets().addFilter("cors", new CorsFilter(cors.getAllowedOrigins(), cors.getAllowedHeaders()))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        }
        Duration delay = Duration.ofMillis(server.map(flipt -> flipt.getShutdownDelay().toMilliseconds()).orElse(0L));
        GracefulShutdown shutdown = new GracefulShutdown(delay, new GracefulShutdown.Drainable() {
            @Override
            public void markNotServing() {
                grpcServer.markNotServing();
            }

            @Override
            public void stopAccepting() {
                grpcServer.stopAccepting();
            }
        });
        environment.lifecycle().addEventListener(shutdown);
        environment.healthChecks().register("shutdown", shutdown.healthCheck());
    }
}
