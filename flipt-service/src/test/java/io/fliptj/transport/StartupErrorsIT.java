package io.fliptj.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fliptj.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bad setting stops the packaged server at start-up with exit code 1 and one line on standard
 * error naming the setting (and its {@code FLIPT_*} variable) and the value given.
 */
class StartupErrorsIT {
    @TempDir
    Path directory;

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of("wrong type", Map.of("FLIPT_SERVER_GRPC_PORT", "nine"),
                        List.of("grpc.port (FLIPT_SERVER_GRPC_PORT)", "\"nine\"")),
                Arguments.of("port out of range", Map.of("FLIPT_SERVER_HTTP_PORT", "70000"),
                        List.of("server.applicationConnectors[0].port (FLIPT_SERVER_HTTP_PORT) = 70000")),
                Arguments.of("negative gRPC port", Map.of("FLIPT_SERVER_GRPC_PORT", "-1"),
                        List.of("grpc.port (FLIPT_SERVER_GRPC_PORT) = -1")),
                Arguments.of("unknown protocol", Map.of("FLIPT_SERVER_PROTOCOL", "ftp"),
                        List.of("server.protocol (FLIPT_SERVER_PROTOCOL)", "\"ftp\" is not a protocol; use one of http, https")),
                Arguments.of("https without certificate", Map.of("FLIPT_SERVER_PROTOCOL", "https"),
                        List.of("server.certFile and server.certKey are required when server.protocol is https")),
                Arguments.of("missing certificate file", Map.of("FLIPT_SERVER_PROTOCOL", "https",
                                "FLIPT_SERVER_CERT_FILE", "/nonexistent/cert.pem", "FLIPT_SERVER_CERT_KEY", "/nonexistent/key.pem"),
                        List.of("server.certFile (FLIPT_SERVER_CERT_FILE) = \"/nonexistent/cert.pem\": no such file")),
                Arguments.of("unsupported database URL", Map.of("FLIPT_DB_URL", "oracle://db.example/flipt"),
                        List.of("database.url (FLIPT_DB_URL)", "oracle://db.example/flipt")),
                Arguments.of("negative duration", Map.of("FLIPT_AUDIT_BUFFER_FLUSH_PERIOD", "-2m"),
                        List.of("audit.buffer.flushPeriod (FLIPT_AUDIT_BUFFER_FLUSH_PERIOD)", "Invalid duration: -2m")),
                Arguments.of("not a boolean", Map.of("FLIPT_CORS_ENABLED", "maybe"),
                        List.of("cors.enabled (FLIPT_CORS_ENABLED)", "\"maybe\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvironments")
    void aBadVariableStopsStartUpNamingItAndItsValue(String what, Map<String, String> variables, List<String> expected) throws Exception {
        Map<String, String> environment = ServerProcess.freshEnvironment(directory);
        environment.putAll(variables);

        assertStopsWith(ServerProcess.defaultConfiguration(), environment, expected);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key", "grpc:\n", "grpc:\n  bogus: 1\n",
                        List.of("Unrecognized field at: grpc.bogus", "did you mean")),
                Arguments.of("misspelt section", "\ncors:\n", "\ncorz:\n",
                        List.of("Unrecognized field at: corz")),
                Arguments.of("negative duration", "  shutdownGracePeriod: 10 seconds\n  applicationConnectors:",
                        "  shutdownGracePeriod: -5 seconds\n  applicationConnectors:",
                        List.of("server.shutdownGracePeriod", "Invalid duration: -5 seconds")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileStopsStartUpNamingTheKey(String what, String original, String replacement, List<String> expected) throws Exception {
        String configuration = Files.readString(ServerProcess.defaultConfiguration());
        assertThat(configuration).contains(original);
        Path file = directory.resolve("bad.yml");
        Files.writeString(file, configuration.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(replacement)));

        assertStopsWith(file, ServerProcess.freshEnvironment(directory), expected);
    }

    private void assertStopsWith(Path configuration, Map<String, String> environment, List<String> expected)
            throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(configuration, environment, directory)) {
            int exitCode = server.awaitExit(Duration.ofSeconds(120));

            List<String> reasons = server.stderr().lines().filter(line -> line.startsWith("flipt: cannot start: ")).toList();
            assertThat(exitCode).isEqualTo(1);
            assertThat(reasons).hasSize(1);
            assertThat(reasons.get(0)).contains(expected);
            assertThat(server.stderr().lines().reduce((first, second) -> second)).hasValue(reasons.get(0));
        }
    }
}
