package io.fliptj.telemetry.tracing;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A server span per gRPC call, named by the full method name, child of the trace context the
 * caller propagated in the metadata ({@code traceparent} and the other configured propagators) or,
 * for REST requests transcoded in-process, of the HTTP request's span. The span is current while
 * the handler runs, so evaluation and database spans nest under it.
 */
public final class GrpcTracingInterceptor implements ServerInterceptor {
    private static final TextMapGetter<Metadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
            return carrier.keys();
        }

        @Override
        public String get(Metadata carrier, String key) {
            if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            return carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public GrpcTracingInterceptor(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = requireNonNull(tracer, "tracer is null");
        this.propagator = requireNonNull(propagator, "propagator is null");
    }

    @Override
    public <RequestT, ResponseT> ServerCall.Listener<RequestT> interceptCall(
            ServerCall<RequestT, ResponseT> call, Metadata headers, ServerCallHandler<RequestT, ResponseT> next) {
        MethodDescriptor<RequestT, ResponseT> method = call.getMethodDescriptor();
        Context current = Context.current();
        // an in-process call made by the REST layer runs on the request's thread, under its span
        Context parent = Span.fromContext(current).getSpanContext().isValid() ? current : propagator.extract(current, headers, METADATA);
        Span span = tracer.spanBuilder(method.getFullMethodName())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("rpc.system", "grpc")
                .setAttribute("rpc.service", String.valueOf(method.getServiceName()))
                .setAttribute("rpc.method", String.valueOf(method.getBareMethodName()))
                .startSpan();
        Context context = parent.with(span);
        ServerCall<RequestT, ResponseT> traced = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                span.setAttribute("rpc.grpc.status_code", status.getCode().value());
                if (isServerError(status.getCode())) {
                    span.setStatus(StatusCode.ERROR, status.getCode().name());
                }
                span.end();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<RequestT> listener;
        try (Scope ignored = context.makeCurrent()) {
            listener = next.startCall(traced, headers);
        }
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(RequestT message) {
                try (Scope ignored = context.makeCurrent()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onCancel();
                } finally {
                    span.setAttribute("rpc.grpc.status_code", Status.Code.CANCELLED.value());
                    span.end();
                }
            }

            @Override
            public void onComplete() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                try (Scope ignored = context.makeCurrent()) {
                    super.onReady();
                }
            }
        };
    }

    /** The codes OpenTelemetry's gRPC conventions count as server errors. */
    static boolean isServerError(Status.Code code) {
        return switch (code) {
            case UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS -> true;
            case OK, CANCELLED, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED,
                    FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNAUTHENTICATED -> false;
        };
    }
}
