package io.fliptj.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code flipt-service/target/flipt.jar}) running as a child process with the
 * repository's {@code config.yml}, free ports and the given {@code FLIPT_*} environment. Available
 * in failsafe integration tests, which run after the {@code package} phase built the jar.
 */
public final class ServerJar implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServerJar(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts the jar and waits until {@code /health} answers 200. {@code environment} adds to (and
     * overrides) the process environment; ports are chosen here, except an HTTP port given as
     * {@code FLIPT_SERVER_HTTP_PORT} (for settings that must name the server's address).
     *
     * @throws IllegalStateException when the server exits or does not answer within 90 seconds; the
     *     message holds the end of its log
     */
    public static ServerJar start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        requireNonNull(environment, "environment is null");
        Path jar = Path.of("target", "flipt.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; integration tests run after `mvn package`");
        }
        int httpPort = environment.containsKey("FLIPT_SERVER_HTTP_PORT")
                ? Integer.parseInt(environment.get("FLIPT_SERVER_HTTP_PORT"))
                : freePort();
        Path log = Files.createTempFile("flipt-" + name, ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "server", Path.of("..", "config.yml").toAbsolutePath().normalize().toString());
        builder.environment().put("FLIPT_SERVER_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("FLIPT_SERVER_GRPC_PORT", Integer.toString(freePort()));
        builder.environment().put("FLIPT_SERVER_ADMIN_PORT", Integer.toString(freePort()));
        builder.environment().put("FLIPT_LOG_LEVEL", "WARN");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServerJar server = new ServerJar(name, builder.start(), httpPort, log);
        server.awaitHealthy();
        return server;
    }

    /** {@code http://127.0.0.1:<port>} of the REST API and UI. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path log() {
        return log;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server " + name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2)).build();
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("server " + name + " did not become healthy:\n" + logTail());
    }

    private String logTail() throws IOException {
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** A TCP port that was free a moment ago (the OS chose it). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 seconds) and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
