package io.fliptj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code import}, {@code export} and {@code validate} as real processes of the packaged jar: on a SQLite database
 * through a configuration file, and through {@code --address} against a running server (another process).
 */
class FeaturesCommandsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Path directory;
    private static Process server;
    private static int serverPort;

    /** A finished command: exit status and both outputs. */
    private record Run(int status, String output, String errors) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        directory = Files.createTempDirectory("flipt-commands");
        Files.writeString(directory.resolve("config.yml"), "database:\n  url: file:" + directory.resolve("cli.db") + "\nlogging:\n  level: WARN\n");
        serverPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar(), "server",
                Path.of("..", "config.yml").toAbsolutePath().normalize().toString());
        builder.environment().put("FLIPT_DB_URL", "file:" + directory.resolve("server.db"));
        builder.environment().put("FLIPT_SERVER_HTTP_PORT", Integer.toString(serverPort));
        builder.environment().put("FLIPT_SERVER_GRPC_PORT", Integer.toString(freePort()));
        builder.environment().put("FLIPT_SERVER_ADMIN_PORT", Integer.toString(freePort()));
        builder.environment().put("FLIPT_LOG_LEVEL", "WARN");
        builder.redirectErrorStream(true).redirectOutput(directory.resolve("server.log").toFile());
        server = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (get("/health").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as("server started").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return Path.of("target", "flipt.jar").toAbsolutePath().toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FeaturesCommandsIT.class.getResourceAsStream("/features/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Run run(String stdin, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Path output = Files.createTempFile(directory, "out", ".txt");
        Path errors = Files.createTempFile(directory, "err", ".txt");
        builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("command finished: %s", String.join(" ", arguments)).isTrue();
        return new Run(process.exitValue(), Files.readString(output), Files.readString(errors));
    }

    @Test
    void importThenExportOnTheConfiguredDatabaseRoundTrips() throws Exception {
        Files.writeString(directory.resolve("features.yml"), resource("several-namespaces.yml"));

        Run imported = run(null, "import", "features.yml", "config.yml");
        Run exported = run(null, "export", "--all-namespaces", "config.yml");
        Run again = run(null, "import", "features.yml", "config.yml");
        Run skipped = run(null, "import", "--skip-existing", "features.yml", "config.yml");
        Run json = run(null, "export", "--all-namespaces", "-o", "out.json", "config.yml");

        assertThat(imported.status()).as(imported.errors()).isZero();
        assertThat(exported.status()).as(exported.errors()).isZero();
        assertThat(exported.output()).isEqualTo(resource("several-namespaces.yml"));
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.errors()).contains("features.yml:58: flags[0].key: flag \"team-a/color\" already exists", "nothing was imported");
        assertThat(skipped.status()).as(skipped.errors()).isZero();
        assertThat(json.status()).isZero();
        assertThat(Files.readString(directory.resolve("out.json")).lines()).hasSize(3);

        Run dropped = run("version: \"1.4\"\nflags:\n- key: only\n  name: Only\n", "import", "--stdin", "--drop", "config.yml");
        assertThat(dropped.status()).as(dropped.errors()).isZero();
        assertThat(run(null, "export", "--all-namespaces", "config.yml").output()).isEqualTo(
                "version: \"1.4\"\nnamespace:\n  key: default\n  name: Default\n  description: Default namespace\n"
                        + "flags:\n- key: only\n  name: Only\n  type: VARIANT_FLAG_TYPE\n  enabled: false\n");
    }

    @Test
    void aFileWithErrorsChangesNothingAndValidateReportsEveryProblem() throws Exception {
        Files.writeString(directory.resolve("invalid.yml"), resource("invalid.yml"));
        Files.writeString(directory.resolve("errors-config.yml"),
                "database:\n  url: file:" + directory.resolve("errors.db") + "\nlogging:\n  level: WARN\n");

        Run imported = run(null, "import", "invalid.yml", "errors-config.yml");
        Run exported = run(null, "export", "--all-namespaces", "errors-config.yml");
        Run text = run(null, "validate", "invalid.yml");
        Run json = run(null, "validate", "--format", "json", "invalid.yml");
        Run valid = run(null, "validate", "features.yml");

        assertThat(imported.status()).isEqualTo(1);
        assertThat(imported.errors()).contains("invalid.yml:16: flags[1].rules[0].segment: flag broken/bad key rule 1 references unknown segment",
                "nothing was imported");
        assertThat(exported.output()).isEqualTo("version: \"1.4\"\nnamespace:\n  key: default\n  name: Default\n  description: Default namespace\n");
        assertThat(text.status()).isEqualTo(1);
        assertThat(text.output()).startsWith("Validation failed!").contains("invalid.yml:10:3: flags[1].colour: unknown field");
        JsonNode errors = new ObjectMapper().readTree(json.output());
        assertThat(errors.size()).isGreaterThanOrEqualTo(9);
        assertThat(errors.get(0).path("location").path("file").asText()).isEqualTo("invalid.yml");
        assertThat(errors.findValuesAsText("message")).contains("unknown field", "invalid field key: contains invalid characters");
        assertThat(valid.status()).as(valid.output()).isZero();
    }

    @Test
    void importAndExportThroughARunningServersApi() throws Exception {
        String address = "http://127.0.0.1:" + serverPort;
        Files.writeString(directory.resolve("remote.yml"), resource("single-namespace.yml"));

        Run imported = run(null, "import", "--address", address, "remote.yml");
        Run exported = run(null, "export", "--address", address, "--namespaces", "default");
        Run conflicting = run(null, "import", "--address", address, "remote.yml");

        assertThat(imported.status()).as(imported.errors()).isZero();
        assertThat(exported.status()).as(exported.errors()).isZero();
        assertThat(exported.output()).isEqualTo(resource("single-namespace.yml"));
        assertThat(conflicting.status()).isEqualTo(1);
        assertThat(conflicting.errors()).contains("flag \"default/flag1\" already exists");
        assertThat(get("/api/v1/namespaces/default/flags/flag1").body()).contains("\"key\":\"flag1\"");

        Run replaced = run("namespace: other\nflags:\n- key: x\n  name: X\n", "import", "--address", address, "--drop", "--stdin");
        assertThat(replaced.status()).as(replaced.errors()).isZero();
        assertThat(get("/api/v1/namespaces/default/flags").body()).contains("\"flags\":[]");
        assertThat(get("/api/v1/namespaces/other/flags/x").statusCode()).isEqualTo(200);
    }
}
