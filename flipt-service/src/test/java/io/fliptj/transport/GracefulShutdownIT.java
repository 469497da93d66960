package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fliptj.testing.ServerProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged server under load: health turns NOT_SERVING on every surface while the
 * server still serves for {@code server.shutdownDelay}; then the listeners close, idle keep-alive
 * connections are closed at once, every request already accepted (here: uploads paused half-way)
 * completes, and the process exits without waiting out the grace period.
 */
class GracefulShutdownIT {
    private static final int SLOW_REQUESTS = 12;
    private static final int FAST_CLIENTS = 4;
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(40);
    private static final String EVALUATION = "{\"flagKey\":\"drain\",\"entityId\":\"user-1\"}";

    @TempDir
    Path directory;

    @Test
    void finishesAcceptedRequestsAndReportsNotServingWhileDraining() throws Exception {
        Map<String, String> environment = ServerProcess.freshEnvironment(directory);
        environment.put("FLIPT_SERVER_SHUTDOWN_DELAY", "3s");
        environment.put("FLIPT_SERVER_SHUTDOWN_GRACE_PERIOD", GRACE_PERIOD.toSeconds() + "s");
        environment.put("FLIPT_LOG_LEVEL", "INFO");
        int httpPort = Integer.parseInt(environment.get("FLIPT_SERVER_HTTP_PORT"));
        int adminPort = Integer.parseInt(environment.get("FLIPT_SERVER_ADMIN_PORT"));
        int grpcPort = Integer.parseInt(environment.get("FLIPT_SERVER_GRPC_PORT"));

        try (ServerProcess server = ServerProcess.start(ServerProcess.defaultConfiguration(), environment, directory)) {
            server.awaitListening(httpPort, Duration.ofSeconds(120));
            server.awaitListening(grpcPort, Duration.ofSeconds(30));
            assertThat(exchange(httpPort, "POST", "/api/v1/namespaces/default/flags",
                    "{\"key\":\"drain\",\"name\":\"Drain\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}").status()).isEqualTo(200);
            ManagedChannel grpc = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            assertThat(grpcHealth(grpc)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

            Connection idle = new Connection(httpPort);
            assertThat(idle.send("GET", "/health", null).status()).isEqualTo(200);

            AtomicBoolean loadRunning = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Integer> fastStatuses = new ConcurrentLinkedQueue<>();
            AtomicInteger fastConnectionFailures = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(FAST_CLIENTS);
            for (int client = 0; client < FAST_CLIENTS; client++) {
                load.submit(() -> fastClient(httpPort, loadRunning, fastStatuses, fastConnectionFailures));
            }
            byte[] body = EVALUATION.getBytes(StandardCharsets.UTF_8);
            List<Connection> slow = new ArrayList<>();
            for (int index = 0; index < SLOW_REQUESTS; index++) {
                Connection connection = new Connection(httpPort);
                connection.sendHead("POST", "/evaluate/v1/boolean", body.length);
                connection.sendBody(body, 0, body.length / 2);
                slow.add(connection);
            }
            while (fastStatuses.size() < 20) {
                Thread.sleep(10);
            }

            server.process().destroy();

            Response healthDuringDelay = awaitNotServing(httpPort);
            assertThat(healthDuringDelay.status()).isEqualTo(503);
            assertThat(healthDuringDelay.body()).isEqualTo("{\"status\":\"NOT_SERVING\"}");
            assertThat(grpcHealth(grpc)).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
            Response adminDuringDelay = exchange(adminPort, "GET", "/healthcheck", null);
            assertThat(adminDuringDelay.status()).isEqualTo(500);
            assertThat(adminDuringDelay.body()).contains("\"shutdown\"").contains("shutting down");
            assertThat(exchange(httpPort, "POST", "/evaluate/v1/boolean", EVALUATION).status())
                    .as("still serving during the delay").isEqualTo(200);

            awaitRefused(httpPort);
            assertThat(idle.awaitClosedByServer(Duration.ofSeconds(10))).as("idle keep-alive connection closed").isTrue();

            for (Connection connection : slow) {
                connection.sendBody(body, body.length / 2, body.length - body.length / 2);
            }
            for (Connection connection : slow) {
                Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).contains("\"enabled\":true", "\"flagKey\":\"drain\"");
                connection.close();
            }

            int exitCode = server.awaitExit(GRACE_PERIOD.minusSeconds(10));
            loadRunning.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

            assertThat(exitCode).isEqualTo(143);
            assertThat(fastStatuses).isNotEmpty().allMatch(status -> status == 200);
            assertThat(server.stdout() + server.stderr()).doesNotContain("Idle timeout expired").doesNotContain("ERROR");
            System.out.printf("graceful shutdown: %d fast requests answered 200, %d refused or closed before being read%n",
                    fastStatuses.size(), fastConnectionFailures.get());
        }
    }

    private static HealthCheckResponse.ServingStatus grpcHealth(ManagedChannel channel) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    /** Keep-alive evaluations in a loop; a complete response is recorded, a connection that fails before one is not. */
    private static void fastClient(int port, AtomicBoolean running, ConcurrentLinkedQueue<Integer> statuses, AtomicInteger failures) {
        Connection connection = null;
        while (running.get()) {
            try {
                if (connection == null) {
                    connection = new Connection(port);
                }
                statuses.add(connection.send("POST", "/evaluate/v1/boolean", EVALUATION).status());
            } catch (IOException refusedOrClosed) {
                failures.incrementAndGet();
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                sleepQuietly(20);
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** /health until it stops answering SERVING (the signal takes a moment to arrive). */
    private static Response awaitNotServing(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Response health = exchange(port, "GET", "/health", null);
        while (health.status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            health = exchange(port, "GET", "/health", null);
        }
        return health;
    }

    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the HTTP listener still accepts connections");
    }

    private static Response exchange(int port, String method, String path, String body) throws IOException {
        Connection connection = new Connection(port);
        try {
            return connection.send(method, path, body);
        } finally {
            connection.close();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Response(int status, String body) {
    }

    /** One HTTP/1.1 keep-alive connection on a plain socket, so requests can be paused half-way. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        Response send(String method, String path, String body) throws IOException {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            sendHead(method, path, bytes.length);
            sendBody(bytes, 0, bytes.length);
            return read();
        }

        void sendHead(String method, String path, int contentLength) throws IOException {
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + contentLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void sendBody(byte[] body, int offset, int length) throws IOException {
            out.write(body, offset, length);
            out.flush();
        }

        Response read() throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("connection closed before a response");
            }
            int contentLength = 0;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Integer.parseInt(header.substring("content-length:".length()).trim());
                }
            }
            byte[] body = in.readNBytes(contentLength);
            if (body.length < contentLength) {
                throw new IOException("truncated body");
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int next;
            while ((next = in.read()) != -1) {
                if (next == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(next);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }

        boolean awaitClosedByServer(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                return in.read() == -1;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket the server may already have closed
            }
        }
    }
}
