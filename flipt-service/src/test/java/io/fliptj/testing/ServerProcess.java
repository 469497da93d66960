package io.fliptj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/flipt.jar}) as a child process, with its environment and
 * configuration file; its standard output and error go to files the test can read.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The repository's {@code config.yml}. */
    public static Path defaultConfiguration() {
        return Path.of("..", "config.yml").toAbsolutePath().normalize();
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    /** Environment for a server on free ports with a fresh SQLite file in {@code directory}. */
    public static Map<String, String> freshEnvironment(Path directory) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FLIPT_DB_URL", "file:" + directory.resolve("flipt.db"));
        environment.put("FLIPT_SERVER_HTTP_PORT", Integer.toString(freePort()));
        environment.put("FLIPT_SERVER_GRPC_PORT", Integer.toString(freePort()));
        environment.put("FLIPT_SERVER_ADMIN_PORT", Integer.toString(freePort()));
        environment.put("FLIPT_SERVER_HOST", "127.0.0.1");
        environment.put("FLIPT_LOG_LEVEL", "WARN");
        return environment;
    }

    /** Starts {@code java -jar target/flipt.jar server <configuration>} with {@code environment} added. */
    public static ServerProcess start(Path configuration, Map<String, String> environment, Path logDirectory) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", Path.of("target", "flipt.jar").toAbsolutePath().toString(),
                "server", configuration.toAbsolutePath().toString()));
        try {
            Files.createDirectories(logDirectory);
            Path stdout = Files.createTempFile(logDirectory, "flipt-", ".out");
            Path stderr = Files.createTempFile(logDirectory, "flipt-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("FLIPT_"));
            builder.environment().putAll(environment);
            return new ServerProcess(builder.start(), stdout, stderr);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    public Process process() {
        return process;
    }

    /** Waits until {@code port} on 127.0.0.1 accepts connections, failing if the process exits first. */
    public void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ": " + stderr());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not listen on " + port + " within " + timeout + ": " + stderr());
    }

    /** Waits for the exit code; the process is killed if it does not exit within {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("server did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
