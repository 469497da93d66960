package io.fliptj.grpc;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.fliptj.config.GrpcServerFactory;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server on {@code grpc.port} plus an in-process twin carrying the same services and the
 * same interceptor chain, through which the REST layer calls. Both start with the application and
 * drain in-flight calls on stop, bounded by {@code grpc.shutdownGracePeriod}.
 */
public final class GrpcServer implements Managed {
    private static final Logger LOGGER = LoggerFactory.getLogger(GrpcServer.class);

    private final GrpcServerFactory factory;
    private final List<ServerServiceDefinition> services;
    private final HealthStatusManager health = new HealthStatusManager();
    private final String inProcessName = "flipt-" + UUID.randomUUID();
    private final ManagedChannel inProcessChannel;
    private final Predicate<String> runsOnTransportThread;
    private final ServerCredentials credentials;
    private Server networkServer;
    private Server inProcessServer;

    /**
     * @param services the application's services
     * @param interceptors outermost first
     */
    public GrpcServer(GrpcServerFactory factory, List<BindableService> services, List<ServerInterceptor> interceptors) {
        this(factory, services, interceptors, method -> false);
    }

    /**
     * @param services the application's services
     * @param interceptors outermost first
     * @param runsOnTransportThread full method names ({@code package.Service/Method}) whose calls, interceptors
     *     included, never block: they run on the network thread that decoded them, saving a hand-off to the
     *     call executor. Every other call runs on the call executor.
     */
    public GrpcServer(GrpcServerFactory factory, List<BindableService> services, List<ServerInterceptor> interceptors,
            Predicate<String> runsOnTransportThread) {
        this(factory, services, interceptors, runsOnTransportThread, InsecureServerCredentials.create());
    }

    /**
     * @param services the application's services
     * @param interceptors outermost first
     * @param runsOnTransportThread as for {@link #GrpcServer(GrpcServerFactory, List, List, Predicate)}
     * @param credentials of the network listener (TLS when Flipt's {@code server.protocol} is https)
     */
    public GrpcServer(GrpcServerFactory factory, List<BindableService> services, List<ServerInterceptor> interceptors,
            Predicate<String> runsOnTransportThread, ServerCredentials credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.factory = requireNonNull(factory, "factory is null");
        this.runsOnTransportThread = requireNonNull(runsOnTransportThread, "runsOnTransportThread is null");
        requireNonNull(services, "services is null");
        requireNonNull(interceptors, "interceptors is null");
        this.services = services.stream()
                .map(service -> ServerInterceptors.interceptForward(service, interceptors))
                .toList();
        this.inProcessChannel = InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
    }

    /** A channel to the in-process server; calls run on the caller's thread. */
    public ManagedChannel inProcessChannel() {
        return inProcessChannel;
    }

    /** The service definitions served (with interceptors applied), e.g. to build the REST route table. */
    public List<ServerServiceDefinition> services() {
        return services;
    }

    public HealthStatusManager health() {
        return health;
    }

    /** The bound network port (useful when configured as 0). */
    public int port() {
        return networkServer == null ? factory.getPort() : networkServer.getPort();
    }

    public boolean isRunning() {
        return networkServer != null && !networkServer.isShutdown() && !networkServer.isTerminated();
    }

    @Override
    public void start() throws IOException {
        InProcessServerBuilder inProcessBuilder = InProcessServerBuilder.forName(inProcessName).directExecutor();
        NettyServerBuilder networkBuilder = NettyServerBuilder
                .forAddress(new InetSocketAddress(factory.getHost(), factory.getPort()), credentials)
                .maxInboundMessageSize(factory.getMaxInboundMessageBytes())
                .callExecutor(new ServerCallExecutorSupplier() {
                    @Override
                    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata metadata) {
                        return runsOnTransportThread.test(call.getMethodDescriptor().getFullMethodName()) ? Runnable::run : null;
                    }
                })
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance());
        inProcessBuilder.addService(health.getHealthService());
        for (ServerServiceDefinition service : services) {
            networkBuilder.addService(service);
            inProcessBuilder.addService(service);
        }
        inProcessServer = inProcessBuilder.build().start();
        networkServer = networkBuilder.build().start();
        health.setStatus("", ServingStatus.SERVING);
        LOGGER.info("gRPC server listening on {}:{}", factory.getHost(), networkServer.getPort());
    }

    /** Health checks answer NOT_SERVING from now on; calls are still served. */
    public void markNotServing() {
        health.setStatus("", ServingStatus.NOT_SERVING);
    }

    /** The network listener takes no new connections or calls; in-flight calls go on until {@link #stop}. */
    public void stopAccepting() {
        if (networkServer != null) {
            networkServer.shutdown();
        }
    }

    @Override
    public void stop() throws InterruptedException {
        health.enterTerminalState();
        long graceMillis = factory.getShutdownGracePeriod().toMilliseconds();
        if (networkServer != null) {
            networkServer.shutdown();
            if (!networkServer.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                LOGGER.warn("gRPC calls still running after {} ms; cancelling them", graceMillis);
                networkServer.shutdownNow();
            }
        }
        inProcessChannel.shutdown();
        if (inProcessServer != null) {
            inProcessServer.shutdown();
            if (!inProcessServer.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                inProcessServer.shutdownNow();
            }
        }
    }
}
