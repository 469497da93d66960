package io.fliptj.audit;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.audit.AuditServiceGrpc;
import io.fliptj.api.audit.Event;
import io.fliptj.api.audit.ListAuditEventsRequest;
import io.fliptj.api.audit.ListAuditEventsResponse;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.fliptj.auth.ProtoTimes;
import io.fliptj.auth.jwt.TestKeys;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/audit/events} and {@code flipt.audit.AuditService/ListAuditEvents}: filters by
 * namespace, type, actor and time range, pages, the {@code /internal/v1} alias, and the admin-only
 * rule, over REST and gRPC.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditEventsApiTest {
    private static final String ROOT = "audit-api-root";
    private static final String ISSUER = "https://issuer.example";
    private static final String ALICE = "alice@example.com";
    private static final TestKeys.SigningKey KEY = TestKeys.generate("ES256", null);
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", ROOT),
            ConfigOverride.config("authentication.methods.jwt.enabled", "true"),
            ConfigOverride.config("authentication.methods.jwt.publicKeyFile", write("jwt.pem", KEY.publicKeyPem())),
            ConfigOverride.config("authorization.required", "true"),
            ConfigOverride.config("authorization.local.policy.path", write("policy.yml", """
                    grants:
                      - {role: admin, tokens: [initial_bootstrap_token]}
                      - {role: editor, emails: ["alice@example.com"]}
                      - {role: viewer, tokens: [reader]}
                    """)),
            ConfigOverride.config("audit.sinks.database.enabled", "true"));
    private static HttpApi http;
    private static ManagedChannel channel;
    private static String reader;
    private static Instant betweenRootAndAlice;

    @BeforeAll
    static void makeChanges() throws Exception {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        reader = http.post("/auth/v1/method/token", "{\"name\":\"reader\"}", bearer(ROOT)).json().path("clientToken").asText();
        ok(http.post("/api/v1/namespaces", "{\"key\":\"team\",\"name\":\"Team\"}", bearer(ROOT)));
        ok(http.post("/api/v1/namespaces/default/flags", "{\"key\":\"a\",\"name\":\"A\"}", bearer(ROOT)));
        ok(http.post("/api/v1/namespaces/team/flags", "{\"key\":\"b\",\"name\":\"B\"}", bearer(ROOT)));
        Thread.sleep(5);
        betweenRootAndAlice = Instant.now();
        Thread.sleep(5);
        String[] alice = {"Authorization", "JWT " + KEY.sign(claims())};
        ok(http.post("/api/v1/namespaces/team/flags", "{\"key\":\"c\",\"name\":\"C\"}", alice));
        ok(http.put("/api/v1/namespaces/team/flags/c", "{\"name\":\"C!\"}", alice));
    }

    @AfterAll
    static void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void filtersByNamespaceAndTypeNewestFirst() {
        JsonNode rest = http.get("/api/v1/audit/events?namespaceKey=team&type=flag", bearer(ROOT)).json();
        ListAuditEventsResponse grpc = stub(ROOT).listAuditEvents(
                ListAuditEventsRequest.newBuilder().setNamespaceKey("team").setType("flag").build());

        assertThat(rest.path("events").findValuesAsText("action")).containsExactly("updated", "created", "created");
        assertThat(rest.path("events").findValues("payload")).extracting(payload -> payload.path("key").asText())
                .containsExactly("c", "c", "b");
        assertThat(grpc.getEventsList()).extracting(Event::getAction).containsExactly("updated", "created", "created");
        assertThat(grpc.getEventsList()).extracting(event -> event.getPayload().getFieldsOrThrow("key").getStringValue())
                .containsExactly("c", "c", "b");
        assertThat(rest.path("nextPageToken").asText()).isEmpty();
    }

    @Test
    void filtersByActor() {
        JsonNode rest = http.get("/api/v1/audit/events?actor=" + ALICE, bearer(ROOT)).json().path("events");
        ListAuditEventsResponse grpc = stub(ROOT).listAuditEvents(ListAuditEventsRequest.newBuilder().setActor(ALICE).build());

        assertThat(rest).hasSize(2);
        assertThat(rest.findValuesAsText("email")).containsOnly(ALICE);
        assertThat(rest.get(0).path("metadata").path("actor").path("authentication").asText()).isEqualTo("jwt");
        assertThat(grpc.getEventsList()).hasSize(2)
                .allSatisfy(event -> assertThat(event.getMetadata().getActor().getEmail()).isEqualTo(ALICE));
    }

    @Test
    void filtersByTimeRange() {
        String instant = betweenRootAndAlice.toString();
        JsonNode after = http.get("/api/v1/audit/events?since=" + instant, bearer(ROOT)).json().path("events");
        JsonNode before = http.get("/api/v1/audit/events?type=flag&until=" + instant, bearer(ROOT)).json().path("events");
        ListAuditEventsResponse grpcAfter = stub(ROOT).listAuditEvents(
                ListAuditEventsRequest.newBuilder().setSince(ProtoTimes.toTimestamp(betweenRootAndAlice)).build());

        assertThat(after.findValuesAsText("email")).containsExactly(ALICE, ALICE);
        assertThat(before.findValues("payload")).extracting(payload -> payload.path("key").asText()).containsExactly("b", "a");
        assertThat(grpcAfter.getEventsCount()).isEqualTo(2);
    }

    @Test
    void pagesWithLimitAndPageToken() {
        List<String> all = new ArrayList<>();
        String pageToken = "";
        int pages = 0;
        do {
            JsonNode page = http.get("/api/v1/audit/events?limit=2" + (pageToken.isEmpty() ? "" : "&pageToken=" + pageToken), bearer(ROOT))
                    .json();
            assertThat(page.path("events").size()).isLessThanOrEqualTo(2);
            page.path("events").forEach(event -> all.add(event.toString()));
            pageToken = page.path("nextPageToken").asText();
            pages++;
        } while (!pageToken.isEmpty());

        JsonNode everything = http.get("/api/v1/audit/events?limit=100", bearer(ROOT)).json().path("events");
        assertThat(all).hasSize(everything.size()).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((everything.size() + 1) / 2);
        ListAuditEventsResponse first = stub(ROOT).listAuditEvents(ListAuditEventsRequest.newBuilder().setLimit(2).build());
        ListAuditEventsResponse second = stub(ROOT).listAuditEvents(
                ListAuditEventsRequest.newBuilder().setLimit(2).setPageToken(first.getNextPageToken()).build());
        assertThat(first.getNextPageToken()).isNotEmpty();
        assertThat(second.getEvents(0)).isNotEqualTo(first.getEvents(0));
    }

    @Test
    void theInternalAddressIsAnAlias() {
        assertThat(http.get("/internal/v1/audit/events?type=flag", bearer(ROOT)).json().path("events"))
                .isEqualTo(http.get("/api/v1/audit/events?type=flag", bearer(ROOT)).json().path("events"));
    }

    @Test
    void onlyAdminsOfEveryNamespaceMayRead() {
        HttpApi.Response viewer = http.get("/api/v1/audit/events", bearer(reader));
        HttpApi.Response editor = http.get("/api/v1/audit/events?namespaceKey=team", "Authorization", "JWT " + KEY.sign(claims()));

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.json()).isEqualTo(HttpApi.parse("{\"code\":7,\"message\":\"permission denied\",\"details\":[]}"));
        assertThat(editor.status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/events").status()).isEqualTo(401);
        assertThatThrownBy(() -> stub(reader).listAuditEvents(ListAuditEventsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> AuditServiceGrpc.newBlockingStub(channel).listAuditEvents(ListAuditEventsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void aBadTimeIsABadRequest() {
        HttpApi.Response response = http.get("/api/v1/audit/events?since=yesterday", bearer(ROOT));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asInt()).isEqualTo(3);
    }

    private static AuditServiceGrpc.AuditServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return AuditServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("user", Map.of("email", ALICE, "name", "Alice"));
        return claims;
    }

    private static String write(String name, String content) {
        try {
            Path directory = Files.createTempDirectory("flipt-audit-api");
            directory.toFile().deleteOnExit();
            Path file = directory.resolve(name);
            Files.writeString(file, content);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
