package io.fliptj.telemetry.metrics;

import static java.util.Objects.requireNonNull;

import io.fliptj.telemetry.GrpcCodes;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * gRPC server metrics named as go-grpc-prometheus names them (Flipt registers that package):
 * {@code grpc_server_started_total}, {@code grpc_server_handled_total} (with {@code grpc_code}
 * spelled as Go spells codes, e.g. {@code NotFound}), {@code grpc_server_msg_received_total},
 * {@code grpc_server_msg_sent_total} and the {@code grpc_server_handling_seconds} histogram with
 * Prometheus' default buckets; labels {@code grpc_type}, {@code grpc_service}, {@code grpc_method}.
 * Only registered methods reach interceptors, so the label values are bounded. REST requests are
 * transcoded into gRPC calls and are counted here too, as in Flipt.
 */
public final class GrpcMetricsInterceptor implements ServerInterceptor {
    static final double[] HANDLING_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
    private static final Status.Code[] CODES = Status.Code.values();

    private final Counter started;
    private final Counter handled;
    private final Counter received;
    private final Counter sent;
    private final Histogram handling;
    private final ConcurrentHashMap<String, MethodInstruments> methods = new ConcurrentHashMap<>();

    public GrpcMetricsInterceptor(PrometheusRegistry registry) {
        requireNonNull(registry, "registry is null");
        started = counter(registry, "grpc_server_started_total", "Total number of RPCs started on the server.");
        received = counter(registry, "grpc_server_msg_received_total", "Total number of RPC stream messages received on the server.");
        sent = counter(registry, "grpc_server_msg_sent_total", "Total number of gRPC stream messages sent by the server.");
        handled = Counter.builder()
                .name("grpc_server_handled_total")
                .help("Total number of RPCs completed on the server, regardless of success or failure.")
                .labelNames("grpc_type", "grpc_service", "grpc_method", "grpc_code")
                .withoutExemplars()
                .register(registry);
        handling = Histogram.builder()
                .name("grpc_server_handling_seconds")
                .help("Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.")
                .labelNames("grpc_type", "grpc_service", "grpc_method")
                .classicOnly()
                .classicUpperBounds(HANDLING_BUCKETS)
                .withoutExemplars()
                .register(registry);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder()
                .name(name)
                .help(help)
                .labelNames("grpc_type", "grpc_service", "grpc_method")
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public <RequestT, ResponseT> ServerCall.Listener<RequestT> interceptCall(
            ServerCall<RequestT, ResponseT> call, Metadata headers, ServerCallHandler<RequestT, ResponseT> next) {
        MethodInstruments method = instruments(call.getMethodDescriptor());
        method.started.inc();
        long start = System.nanoTime();
        MeasuredCall<RequestT, ResponseT> measured = new MeasuredCall<>(call, method, start);
        ServerCall.Listener<RequestT> listener = next.startCall(measured, headers);
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(RequestT message) {
                method.received.inc();
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                measured.finish(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private MethodInstruments instruments(MethodDescriptor<?, ?> descriptor) {
        MethodInstruments method = methods.get(descriptor.getFullMethodName());
        if (method == null) {
            method = methods.computeIfAbsent(descriptor.getFullMethodName(), name -> new MethodInstruments(descriptor));
        }
        return method;
    }

    private static final class MeasuredCall<RequestT, ResponseT> extends SimpleForwardingServerCall<RequestT, ResponseT> {
        private final MethodInstruments method;
        private final long start;
        private boolean finished;

        MeasuredCall(ServerCall<RequestT, ResponseT> call, MethodInstruments method, long start) {
            super(call);
            this.method = method;
            this.start = start;
        }

        @Override
        public void sendMessage(ResponseT message) {
            method.sent.inc();
            super.sendMessage(message);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finish(status.getCode());
            super.close(status, trailers);
        }

        synchronized void finish(Status.Code code) {
            if (finished) {
                return;
            }
            finished = true;
            method.handled(code).inc();
            method.handling.observe((System.nanoTime() - start) / 1e9);
        }
    }

    /** One method's label children. */
    private final class MethodInstruments {
        private final String type;
        private final String service;
        private final String name;
        private final CounterDataPoint started;
        private final CounterDataPoint received;
        private final CounterDataPoint sent;
        private final DistributionDataPoint handling;
        private final AtomicReferenceArray<CounterDataPoint> handledByCode = new AtomicReferenceArray<>(CODES.length);

        MethodInstruments(MethodDescriptor<?, ?> descriptor) {
            this.type = typeOf(descriptor.getType());
            String service = descriptor.getServiceName();
            this.service = service == null ? "" : service;
            String method = descriptor.getBareMethodName();
            this.name = method == null ? descriptor.getFullMethodName() : method;
            this.started = GrpcMetricsInterceptor.this.started.labelValues(type, this.service, name);
            this.received = GrpcMetricsInterceptor.this.received.labelValues(type, this.service, name);
            this.sent = GrpcMetricsInterceptor.this.sent.labelValues(type, this.service, name);
            this.handling = GrpcMetricsInterceptor.this.handling.labelValues(type, this.service, name);
        }

        CounterDataPoint handled(Status.Code code) {
            CounterDataPoint point = handledByCode.get(code.ordinal());
            if (point == null) {
                point = GrpcMetricsInterceptor.this.handled.labelValues(type, service, name, GrpcCodes.goName(code));
                handledByCode.set(code.ordinal(), point);
            }
            return point;
        }
    }

    private static String typeOf(MethodDescriptor.MethodType type) {
        return switch (type) {
            case UNARY -> "unary";
            case CLIENT_STREAMING -> "client_stream";
            case SERVER_STREAMING -> "server_stream";
            case BIDI_STREAMING -> "bidi_stream";
            case UNKNOWN -> "unknown";
        };
    }
}
