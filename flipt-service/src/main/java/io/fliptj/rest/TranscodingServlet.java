package io.fliptj.rest;

import static java.util.Objects.requireNonNull;

import com.google.api.HttpBody;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API: transcodes each HTTP request into a call of the gRPC method its route names,
 * through the in-process channel (so the whole interceptor chain runs), and writes the answer as
 * grpc-gateway would: JSON per {@link ProtoJsonWriter}, errors as
 * {@code {"code":<grpc code>,"message":"…","details":[]}} with the gateway's HTTP status table.
 *
 * <p>Bodies larger than the configured limit are refused with 413 before decoding.
 */
public final class TranscodingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = LoggerFactory.getLogger(TranscodingServlet.class);
    private static final String JSON = "application/json";

    /** The request attribute holding the path template of the route a request matched (for metrics, spans and logs). */
    public static final String ROUTE_ATTRIBUTE = "io.fliptj.rest.route";

    private final transient RouteTable routes;
    private final transient Channel channel;
    private final transient ProtoJsonReader reader = new ProtoJsonReader();
    private final transient ProtoJsonWriter writer = ProtoJsonWriter.standard();
    private final transient ProtoJsonWriter prettyWriter = ProtoJsonWriter.pretty();
    private final int maxBodyBytes;

    public TranscodingServlet(RouteTable routes, Channel channel, int maxBodyBytes) {
        this.routes = requireNonNull(routes, "routes is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] segments = pathSegments(request.getRequestURI());
        String httpMethod = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        RouteTable.Match match = routes.match(httpMethod, segments);
        if (match instanceof RouteTable.NotFound) {
            writeError(response, Status.Code.NOT_FOUND, "Not Found");
            return;
        }
        if (match instanceof RouteTable.MethodNotAllowed) {
            writeError(response, Status.Code.UNIMPLEMENTED, "Method Not Allowed");
            return;
        }
        RouteTable.Found found = (RouteTable.Found) match;
        Route route = found.route();
        request.setAttribute(ROUTE_ATTRIBUTE, route.path().template());
        boolean ofrep = route.method().getServiceName().equals(OfrepBodies.SERVICE);
        String ofrepKey = ofrep ? found.variables().get("key") : null;
        Message.Builder builder = route.requestPrototype().newBuilderForType();
        try {
            if (route.bodyAll()) {
                byte[] body = readBody(request);
                if (body == null) {
                    writeError(response, 413, Status.Code.RESOURCE_EXHAUSTED, "request body exceeds the limit of " + maxBodyBytes + " bytes");
                    return;
                }
                reader.merge(ofrep ? OfrepBodies.stringifyContext(body) : body, builder);
            } else {
                bindQuery(request, builder, found.variables());
            }
            for (Map.Entry<String, String> variable : found.variables().entrySet()) {
                FieldDescriptor field = reader.findField(builder.getDescriptorForType(), variable.getKey());
                if (field != null) {
                    reader.setFromString(builder, field, variable.getValue());
                }
            }
        } catch (JsonBodyException error) {
            if (ofrep) {
                OfrepBodies.writeError(response, Status.Code.INVALID_ARGUMENT, error.getMessage(), ofrepKey, true);
            } else {
                writeError(response, Status.Code.INVALID_ARGUMENT, error.getMessage());
            }
            return;
        }
        Result result = call(route, builder.build(), headersOf(request));
        if (!result.status().isOk()) {
            Status status = result.status();
            String message = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
            if (ofrep) {
                OfrepBodies.writeError(response, status.getCode(), message, ofrepKey, false);
            } else {
                writeError(response, status.getCode(), message);
            }
            return;
        }
        respond(request, response, result);
    }

    private void respond(HttpServletRequest request, HttpServletResponse response, Result result) throws IOException {
        Metadata headers = result.headers();
        String etag = headers == null ? null : headers.get(GatewayHeaders.ETAG);
        if (etag != null) {
            response.setHeader("ETag", etag);
        }
        String httpCode = headers == null ? null : headers.get(GatewayHeaders.HTTP_CODE);
        if (httpCode != null) {
            int code = Integer.parseInt(httpCode);
            response.setStatus(code);
            if (code == 304 || code == 204) {
                return;
            }
        }
        Message message = result.message();
        if (message instanceof HttpBody httpBody) {
            response.setContentType(httpBody.getContentType().isEmpty() ? JSON : httpBody.getContentType());
            byte[] data = httpBody.getData().toByteArray();
            response.setContentLength(data.length);
            if (!request.getMethod().equals("HEAD")) {
                response.getOutputStream().write(data);
            }
            return;
        }
        boolean pretty = request.getParameter("pretty") != null
                || (request.getHeader("Accept") != null && request.getHeader("Accept").contains("application/json+pretty"));
        byte[] body = (pretty ? prettyWriter : writer).write(message).getBytes(StandardCharsets.UTF_8);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            try (OutputStream output = response.getOutputStream()) {
                output.write(body);
            }
        }
    }

    private record Result(Status status, Metadata headers, Message message) {
    }

    private Result call(Route route, Message request, Metadata headers) {
        ClientCall<Message, Message> call = channel.newCall(route.method(), CallOptions.DEFAULT);
        CompletableFuture<Result> future = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            private Metadata responseHeaders;
            private Message responseMessage;

            @Override
            public void onHeaders(Metadata received) {
                responseHeaders = received;
            }

            @Override
            public void onMessage(Message message) {
                responseMessage = message;
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                Metadata merged = responseHeaders == null ? trailers : responseHeaders;
                if (responseHeaders != null && trailers != null) {
                    merged.merge(trailers);
                }
                if (status.isOk() && responseMessage == null) {
                    future.complete(new Result(Status.INTERNAL.withDescription("no response"), merged, null));
                } else {
                    future.complete(new Result(status, merged, responseMessage));
                }
            }
        }, headers);
        call.request(2);
        call.sendMessage(request);
        call.halfClose();
        try {
            return future.get();
        } catch (InterruptedException error) {
            Thread.currentThread().interrupt();
            call.cancel("interrupted", error);
            return new Result(Status.CANCELLED.withDescription("context canceled"), null, null);
        } catch (ExecutionException error) {
            LOGGER.error("in-process call failed", error);
            return new Result(Status.INTERNAL.withDescription("internal server error"), null, null);
        }
    }

    private Metadata headersOf(HttpServletRequest request) {
        Metadata metadata = new Metadata();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String key = GatewayHeaders.metadataKeyFor(name.toLowerCase(Locale.ROOT));
            if (key == null) {
                continue;
            }
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                if (isPrintableAscii(value)) {
                    metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            }
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String remote = request.getRemoteAddr();
        if (remote != null) {
            metadata.put(GatewayHeaders.FORWARDED_FOR, forwardedFor == null ? remote : forwardedFor + ", " + remote);
        }
        return metadata;
    }

    private static boolean isPrintableAscii(String value) {
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character < 0x20 || character > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private void bindQuery(HttpServletRequest request, Message.Builder builder, Map<String, String> pathVariables) throws JsonBodyException {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
            if (pathVariables.containsKey(name)) {
                continue;
            }
            FieldDescriptor field = reader.findField(builder.getDescriptorForType(), name);
            if (field == null || field.isMapField()) {
                continue;
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                String typeName = field.getMessageType().getFullName();
                if (!typeName.equals("google.protobuf.Timestamp") && !typeName.equals("google.protobuf.Duration")) {
                    continue;
                }
            }
            reader.setFromString(builder, field, value);
        }
    }

    private static String decodeQuery(String text) throws JsonBodyException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException error) {
            throw new JsonBodyException("invalid URL escape in query parameters");
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return null;
        }
        try (InputStream input = request.getInputStream()) {
            if (declared >= 0) {
                byte[] body = input.readNBytes((int) declared);
                return input.read() < 0 ? body : null;
            }
            byte[] body = input.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    /** Splits and percent-decodes the path, dropping trailing slashes as the gateway does. */
    static String[] pathSegments(String rawPath) {
        int end = rawPath.length();
        while (end > 1 && rawPath.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = rawPath.substring(1, end);
        String[] segments = trimmed.split("/", -1);
        for (int index = 0; index < segments.length; index++) {
            if (segments[index].indexOf('%') >= 0) {
                try {
                    segments[index] = URLDecoder.decode(segments[index].replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException error) {
                    segments[index] = "";
                }
            }
        }
        return segments;
    }

    private static void writeError(HttpServletResponse response, Status.Code code, String message) throws IOException {
        writeError(response, HttpStatuses.fromCode(code), code, message);
    }

    /** Writes the gateway's error body. */
    static void writeError(HttpServletResponse response, int httpStatus, Status.Code code, String message) throws IOException {
        StringBuilder body = new StringBuilder(64 + message.length());
        body.append("{\"code\":").append(code.value()).append(",\"message\":");
        ProtoJsonWriter.writeString(body, message);
        body.append(",\"details\":[]}");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(httpStatus);
        if (code == Status.Code.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", message);
        }
        response.setContentType(JSON);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
