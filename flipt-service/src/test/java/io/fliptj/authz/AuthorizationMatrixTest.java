package io.fliptj.authz;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.FliptGrpc;
import io.fliptj.api.GetFlagRequest;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.audit.AuditServiceGrpc;
import io.fliptj.api.audit.ListAuditEventsRequest;
import io.fliptj.api.auth.AuthenticationMethodTokenServiceGrpc;
import io.fliptj.api.auth.CreateTokenRequest;
import io.fliptj.api.evaluation.DataServiceGrpc;
import io.fliptj.api.evaluation.EvaluationNamespaceSnapshotRequest;
import io.fliptj.api.evaluation.EvaluationRequest;
import io.fliptj.api.evaluation.EvaluationServiceGrpc;
import io.fliptj.api.ofrep.EvaluateFlagRequest;
import io.fliptj.api.ofrep.OFREPServiceGrpc;
import io.fliptj.auth.AuthServer;
import io.fliptj.auth.HttpApi;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization matrix end to end: each role (viewer, editor and admin of the namespace
 * {@value #GRANTED}, admin of every namespace, no role) against each kind of call, in the granted
 * namespace and in another one, over REST and gRPC: allowed calls do not answer 403, the others
 * answer 403 / {@code PERMISSION_DENIED} with {@code permission denied}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationMatrixTest {
    private static final String ROOT = "matrix-root";
    private static final String GRANTED = "granted";
    private static final String OTHER = "other";

    /** Who calls. */
    enum Subject {
        VIEWER, EDITOR, ADMIN, ADMIN_EVERYWHERE, NO_ROLE
    }

    /** What kind of call. */
    enum Kind {
        READ, WRITE, EVALUATE, SNAPSHOT, OFREP, TOKEN_MANAGEMENT, AUDIT_READ
    }

    /** Over which transport. */
    enum Transport {
        REST, GRPC
    }

    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", ROOT),
            ConfigOverride.config("authorization.required", "true"),
            ConfigOverride.config("authorization.local.policy.path", policyFile()),
            ConfigOverride.config("audit.sinks.database.enabled", "true"));
    private static final Map<Subject, String> TOKENS = new EnumMap<>(Subject.class);
    private static HttpApi http;
    private static ManagedChannel channel;

    @BeforeAll
    static void prepare() {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        for (String namespace : List.of(GRANTED, OTHER)) {
            ok(http.post("/api/v1/namespaces", "{\"key\":\"" + namespace + "\",\"name\":\"" + namespace + "\"}", bearer(ROOT)));
            ok(http.post("/api/v1/namespaces/" + namespace + "/flags",
                    "{\"key\":\"switch\",\"name\":\"Switch\",\"type\":\"BOOLEAN_FLAG_TYPE\",\"enabled\":true}", bearer(ROOT)));
        }
        TOKENS.put(Subject.ADMIN_EVERYWHERE, ROOT);
        for (Subject subject : List.of(Subject.VIEWER, Subject.EDITOR, Subject.ADMIN, Subject.NO_ROLE)) {
            TOKENS.put(subject, http.post("/auth/v1/method/token", "{\"name\":\"" + tokenName(subject) + "\"}", bearer(ROOT))
                    .json().path("clientToken").asText());
        }
    }

    @AfterAll
    static void closeChannel() {
        channel.shutdownNow();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Subject subject : Subject.values()) {
            for (Kind kind : Kind.values()) {
                for (String namespace : List.of(GRANTED, OTHER)) {
                    for (Transport transport : Transport.values()) {
                        cases.add(Arguments.of(subject, kind, namespace, transport));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} in {2} over {3}")
    @MethodSource("matrix")
    void eachRoleMayDoWhatItsGrantAllows(Subject subject, Kind kind, String namespace, Transport transport) {
        String outcome = switch (transport) {
            case REST -> rest(kind, namespace, TOKENS.get(subject));
            case GRPC -> grpc(kind, namespace, TOKENS.get(subject));
        };

        if (allowed(subject, kind, namespace)) {
            assertThat(outcome).isEqualTo("allowed");
        } else {
            assertThat(outcome).isEqualTo("permission denied");
        }
    }

    /** The expected matrix, as README's Authorization section states it. */
    private static boolean allowed(Subject subject, Kind kind, String namespace) {
        boolean granted = namespace.equals(GRANTED);
        return switch (subject) {
            case ADMIN_EVERYWHERE -> true;
            case NO_ROLE -> false;
            case VIEWER -> granted && (kind == Kind.READ || kind == Kind.EVALUATE || kind == Kind.SNAPSHOT || kind == Kind.OFREP);
            case EDITOR -> granted && kind != Kind.TOKEN_MANAGEMENT && kind != Kind.AUDIT_READ;
            // reading the audit trail needs admin on every namespace
            case ADMIN -> granted && kind != Kind.AUDIT_READ;
        };
    }

    private static String rest(Kind kind, String namespace, String token) {
        String[] auth = bearer(token);
        HttpApi.Response response = switch (kind) {
            case READ -> http.get("/api/v1/namespaces/" + namespace + "/flags/switch", auth);
            case WRITE -> http.put("/api/v1/namespaces/" + namespace + "/flags/switch", "{\"name\":\"Switch\",\"enabled\":true}", auth);
            case EVALUATE -> http.post("/evaluate/v1/boolean",
                    "{\"namespaceKey\":\"" + namespace + "\",\"flagKey\":\"switch\",\"entityId\":\"e\",\"context\":{}}", auth);
            case SNAPSHOT -> http.get("/internal/v1/evaluation/snapshot/namespace/" + namespace, auth);
            case OFREP -> http.post("/ofrep/v1/evaluate/flags/switch", "{\"context\":{\"targetingKey\":\"e\"}}",
                    HttpApi.concat(auth, "X-Flipt-Namespace", namespace));
            case TOKEN_MANAGEMENT -> http.post("/auth/v1/method/token", "{\"name\":\"made\",\"namespaceKey\":\"" + namespace + "\"}", auth);
            case AUDIT_READ -> http.get("/api/v1/audit/events?namespaceKey=" + namespace, auth);
        };
        if (response.status() == 403) {
            if (kind == Kind.OFREP) {
                // OFREP answers errors in its own shape
                return response.json().path("errorCode").asText().equals("GENERAL") ? response.json().path("errorDetails").asText()
                        : "403 " + response.body();
            }
            return response.json().path("code").asInt() == 7 ? response.json().path("message").asText() : "403 " + response.body();
        }
        return response.status() == 200 ? "allowed" : response.status() + " " + response.body();
    }

    private static String grpc(Kind kind, String namespace, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        if (kind == Kind.OFREP) {
            headers.put(Metadata.Key.of("x-flipt-namespace", Metadata.ASCII_STRING_MARSHALLER), namespace);
        }
        Channel authenticated = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        try {
            switch (kind) {
                case READ -> FliptGrpc.newBlockingStub(authenticated)
                        .getFlag(GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("switch").build());
                case WRITE -> FliptGrpc.newBlockingStub(authenticated).updateFlag(UpdateFlagRequest.newBuilder()
                        .setNamespaceKey(namespace).setKey("switch").setName("Switch").setEnabled(true).build());
                case EVALUATE -> EvaluationServiceGrpc.newBlockingStub(authenticated).boolean_(EvaluationRequest.newBuilder()
                        .setNamespaceKey(namespace).setFlagKey("switch").setEntityId("e").build());
                case SNAPSHOT -> DataServiceGrpc.newBlockingStub(authenticated)
                        .evaluationSnapshotNamespace(EvaluationNamespaceSnapshotRequest.newBuilder().setKey(namespace).build());
                case OFREP -> OFREPServiceGrpc.newBlockingStub(authenticated)
                        .evaluateFlag(EvaluateFlagRequest.newBuilder().setKey("switch").putContext("targetingKey", "e").build());
                case TOKEN_MANAGEMENT -> AuthenticationMethodTokenServiceGrpc.newBlockingStub(authenticated)
                        .createToken(CreateTokenRequest.newBuilder().setName("made").setNamespaceKey(namespace).build());
                case AUDIT_READ -> AuditServiceGrpc.newBlockingStub(authenticated)
                        .listAuditEvents(ListAuditEventsRequest.newBuilder().setNamespaceKey(namespace).build());
            }
            return "allowed";
        } catch (StatusRuntimeException error) {
            return switch (error.getStatus().getCode()) {
                case PERMISSION_DENIED -> String.valueOf(error.getStatus().getDescription());
                default -> error.getStatus().toString();
            };
        }
    }

    private static String tokenName(Subject subject) {
        return subject.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static void ok(HttpApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String policyFile() {
        try {
            Path directory = Files.createTempDirectory("flipt-matrix");
            directory.toFile().deleteOnExit();
            Path file = directory.resolve("policy.yml");
            Files.writeString(file, """
                    grants:
                      - {role: admin, namespaces: ["*"], tokens: [initial_bootstrap_token]}
                      - {role: viewer, namespaces: [granted], tokens: [viewer]}
                      - {role: editor, namespaces: [granted], tokens: [editor]}
                      - {role: admin, namespaces: [granted], tokens: [admin]}
                    """);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }
}
