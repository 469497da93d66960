package io.fliptj.telemetry.logging;

import io.fliptj.telemetry.GrpcCodes;
import io.fliptj.telemetry.RequestIds;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.inprocess.InProcessSocketAddress;
import org.slf4j.MDC;

/**
 * For calls arriving over the network: takes the caller's {@code x-request-id} (or makes one),
 * returns it in the response headers, keeps it in the MDC while the handler runs and writes the
 * {@link AccessLog} line when the call ends. REST requests, which reach the services in-process,
 * are identified and logged once by the HTTP layer instead.
 */
public final class GrpcAccessLogInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of(RequestIds.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <RequestT, ResponseT> ServerCall.Listener<RequestT> interceptCall(
            ServerCall<RequestT, ResponseT> call, Metadata headers, ServerCallHandler<RequestT, ResponseT> next) {
        if (call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof InProcessSocketAddress) {
            return next.startCall(call, headers);
        }
        long start = System.nanoTime();
        String requestId = RequestIds.of(headers.get(REQUEST_ID));
        String method = call.getMethodDescriptor().getFullMethodName();
        ServerCall<RequestT, ResponseT> logged = new SimpleForwardingServerCall<>(call) {
            private boolean closed;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(REQUEST_ID, requestId);
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!closed) {
                    closed = true;
                    AccessLog.grpc(method, GrpcCodes.goName(status.getCode()), System.nanoTime() - start, requestId);
                }
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<RequestT> listener = withRequestId(requestId, () -> next.startCall(logged, headers));
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(RequestT message) {
                withRequestId(requestId, () -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                withRequestId(requestId, () -> {
                    super.onHalfClose();
                    return null;
                });
            }

            @Override
            public void onCancel() {
                withRequestId(requestId, () -> {
                    super.onCancel();
                    return null;
                });
            }

            @Override
            public void onComplete() {
                withRequestId(requestId, () -> {
                    super.onComplete();
                    return null;
                });
            }
        };
    }

    private static <T> T withRequestId(String requestId, java.util.function.Supplier<T> action) {
        MDC.put(AccessLog.REQUEST_ID, requestId);
        try {
            return action.get();
        } finally {
            MDC.remove(AccessLog.REQUEST_ID);
        }
    }
}
