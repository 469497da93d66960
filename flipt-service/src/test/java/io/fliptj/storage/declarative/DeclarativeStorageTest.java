package io.fliptj.storage.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.fliptj.FliptApplication;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.FliptGrpc;
import io.fliptj.api.GetFlagRequest;
import io.fliptj.auth.HttpApi;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server on declarative storage: a local directory of features files and a Git repository (a real bare
 * repository made with the {@code git} command). Reads, evaluation and the snapshot come from the files, edits
 * are picked up by polling, and writes are refused as Flipt refuses them.
 */
class DeclarativeStorageTest {
    private static final String READ_ONLY_ERROR =
            "{\"code\":13,\"message\":\"modification is not allowed in read-only mode\",\"details\":[]}";
    private static final String FEATURES = """
            version: "1.4"
            namespace: default
            flags:
            - key: banner
              name: Banner
              type: VARIANT_FLAG_TYPE
              enabled: true
              variants:
              - key: blue
                attachment:
                  hex: "#00f"
              rules:
              - segment: everyone
                distributions:
                - variant: blue
                  rollout: 100
            - key: dark-mode
              name: Dark mode
              type: BOOLEAN_FLAG_TYPE
              enabled: false
              rollouts:
              - threshold:
                  percentage: 100
                  value: true
            segments:
            - key: everyone
              name: Everyone
              match_type: ALL_MATCH_TYPE
            """;

    private final List<Path> temporary = new ArrayList<>();
    private DropwizardTestSupport<FliptConfiguration> server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.after();
        }
        for (Path path : temporary) {
            try (var files = Files.walk(path)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private Path temporaryDirectory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        temporary.add(directory);
        return directory;
    }

    private HttpApi start(ConfigOverride... overrides) throws Exception {
        Path database = temporaryDirectory("flipt-declarative-db").resolve("flipt.db");
        List<ConfigOverride> all = new ArrayList<>(List.of(ConfigOverride.config("database.url", "file:" + database)));
        all.addAll(List.of(overrides));
        server = new DropwizardTestSupport<>(FliptApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
                all.toArray(ConfigOverride[]::new));
        server.before();
        return new HttpApi(server.getLocalPort());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void localDirectoryServesItsFilesPicksUpEditsAndRefusesWrites() throws Exception {
        Path directory = temporaryDirectory("flipt-local");
        Files.writeString(directory.resolve("features.yml"), FEATURES);
        Files.writeString(directory.resolve("team.features.yml"), "namespace: team\nflags:\n- key: t\n  name: T\n");
        Files.writeString(directory.resolve("ignored.yml"), "not: [valid");
        HttpApi http = start(ConfigOverride.config("storage.type", "LOCAL"),
                ConfigOverride.config("storage.local.path", directory.toString()),
                ConfigOverride.config("storage.local.pollInterval", "200ms"));

        assertThat(http.get("/api/v1/namespaces/default/flags").json().path("flags")).hasSize(2);
        assertThat(http.get("/api/v1/namespaces").json().path("namespaces").findValuesAsText("key")).containsExactly("default", "team");
        HttpApi.Response evaluation = http.post("/evaluate/v1/variant",
                "{\"namespaceKey\":\"default\",\"flagKey\":\"banner\",\"entityId\":\"user-1\",\"context\":{}}");
        assertThat(evaluation.json().path("variantKey").asText()).isEqualTo("blue");
        assertThat(evaluation.json().path("variantAttachment").asText()).isEqualTo("{\"hex\":\"#00f\"}");
        assertThat(http.get("/internal/v1/evaluation/snapshot/namespace/default").json().path("flags")).hasSize(2);
        assertThat(http.get("/meta/info").json().path("storage").path("type").asText()).isEqualTo("local");
        assertThat(http.get("/meta/info").json().path("storage").path("readOnly").asBoolean()).isTrue();

        HttpApi.Response write = http.post("/api/v1/namespaces/default/flags", "{\"key\":\"new\",\"name\":\"New\"}");
        assertThat(write.status()).isEqualTo(500);
        assertThat(write.body()).isEqualTo(READ_ONLY_ERROR);
        assertThat(http.send("DELETE", "/api/v1/namespaces/default/flags/banner", "").body()).isEqualTo(READ_ONLY_ERROR);
        assertGrpcWritesRefused();

        Files.writeString(directory.resolve("features.yml"), FEATURES.replace("name: Banner", "name: Banner v2"));
        await("edited file served", () -> http.get("/api/v1/namespaces/default/flags/banner").json().path("name").asText().equals("Banner v2"));

        Files.writeString(directory.resolve("features.yml"), FEATURES.replace("segment: everyone", "segment: nobody"));
        Thread.sleep(1000);
        assertThat(http.get("/api/v1/namespaces/default/flags/banner").json().path("name").asText())
                .as("an invalid edit keeps the last good state").isEqualTo("Banner v2");

        Files.writeString(directory.resolve("features.yml"), FEATURES.replace("percentage: 100", "percentage: 0"));
        await("boolean evaluation follows the new file", () -> !http.post("/evaluate/v1/boolean",
                "{\"namespaceKey\":\"default\",\"flagKey\":\"dark-mode\",\"entityId\":\"user-1\",\"context\":{}}").json().path("enabled").asBoolean());
    }

    private void assertGrpcWritesRefused() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                ((FliptApplication) server.getApplication()).grpcServer().port()).usePlaintext().build();
        try {
            FliptGrpc.FliptBlockingStub flipt = FliptGrpc.newBlockingStub(channel);
            assertThatThrownBy(() -> flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("default").setKey("grpc").setName("gRPC").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, error -> {
                        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                        assertThat(error.getStatus().getDescription()).isEqualTo("modification is not allowed in read-only mode");
                    });
            assertThat(flipt.getFlag(GetFlagRequest.newBuilder().setNamespaceKey("default").setKey("banner").build()).getVariantsCount())
                    .isEqualTo(1);
        } finally {
            channel.shutdownNow();
        }
    }

    private static void git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", String.join(" ", arguments), output).isZero();
    }

    @Test
    void gitRepositoryFollowsNewCommitsOnTheRef() throws Exception {
        Path bare = temporaryDirectory("flipt-git-bare");
        Path work = temporaryDirectory("flipt-git-work");
        git(bare, "init", "--bare", "--initial-branch=main");
        git(work, "init", "--initial-branch=main");
        Files.createDirectories(work.resolve("flags"));
        Files.writeString(work.resolve("flags/features.yml"), FEATURES);
        git(work, "add", ".");
        git(work, "commit", "-m", "first");
        git(work, "push", bare.toUri().toString(), "main");

        HttpApi http = start(ConfigOverride.config("storage.type", "GIT"),
                ConfigOverride.config("storage.git.repository", bare.toUri().toString()),
                ConfigOverride.config("storage.git.ref", "main"),
                ConfigOverride.config("storage.git.directory", "flags"),
                ConfigOverride.config("storage.git.pollInterval", "200ms"));

        assertThat(http.get("/api/v1/namespaces/default/flags/banner").json().path("name").asText()).isEqualTo("Banner");
        assertThat(http.get("/meta/info").json().path("storage").path("type").asText()).isEqualTo("git");
        assertThat(http.get("/meta/info").json().path("storage").path("metadata").path("ref").asText()).isEqualTo("main");
        assertThat(http.post("/api/v1/namespaces/default/segments", "{\"key\":\"s\",\"name\":\"S\"}").body()).isEqualTo(READ_ONLY_ERROR);

        Files.writeString(work.resolve("flags/features.yml"), FEATURES.replace("name: Banner", "name: Banner from git"));
        git(work, "commit", "-am", "second");
        git(work, "push", bare.toUri().toString(), "main");

        await("new commit served", () -> http.get("/api/v1/namespaces/default/flags/banner").json().path("name").asText()
                .equals("Banner from git"));
        assertThat(http.post("/evaluate/v1/variant",
                "{\"namespaceKey\":\"default\",\"flagKey\":\"banner\",\"entityId\":\"user-1\",\"context\":{}}").json().path("variantKey").asText())
                .isEqualTo("blue");
    }
}
