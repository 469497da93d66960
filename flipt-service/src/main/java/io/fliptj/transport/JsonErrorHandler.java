package io.fliptj.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the API (431 for oversized headers, 400 for
 * malformed requests, ...) in Flipt's error format, {@code {"code":N,"message":"...","details":[]}},
 * instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String reason = HttpStatus.getMessage(code).toLowerCase(Locale.ROOT);
        byte[] body = ("{\"code\":" + grpcCode(code) + ",\"message\":\"" + reason + "\",\"details\":[]}").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The gRPC status code grpc-gateway would have answered with this HTTP status. */
    static int grpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> 3;
            case 401 -> 16;
            case 403 -> 7;
            case 404 -> 5;
            case 405, 501 -> 12;
            case 408, 504 -> 4;
            case 409 -> 6;
            case 413, 414, 429, 431 -> 8;
            case 503 -> 14;
            default -> httpStatus >= 500 ? 13 : 2;
        };
    }
}
