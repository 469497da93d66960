package io.fliptj.auth;

import static io.fliptj.auth.HttpApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.auth.oidc.TestIdentityProvider;
import io.fliptj.rest.PathTemplate;
import io.fliptj.rest.Route;
import io.fliptj.rest.RouteTable;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every REST route of the real route table and every gRPC method of every served service, with
 * {@code authentication.required} and every authentication method enabled: without credentials,
 * with an expired token and with a deleted token each answers 401 / {@code UNAUTHENTICATED}, with
 * a valid token it does not. The only exceptions are the ones Flipt leaves public, listed below;
 * a new route is covered without touching this test, and a new public route fails it until it is
 * listed. A token scoped to a namespace is refused everywhere outside that namespace.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthenticationCoverageTest {
    private static final String ROOT = "coverage-root-token";
    private static final String SCOPE = "team";
    private static final String OTHER = "other";
    private static final TestIdentityProvider IDP = new TestIdentityProvider("flipt", "s3cr3t");
    private static final DropwizardAppExtension<FliptConfiguration> APP = AuthServer.extension(
            ConfigOverride.config("authentication.required", "true"),
            ConfigOverride.config("authentication.session.domain", "localhost"),
            ConfigOverride.config("authentication.methods.token.enabled", "true"),
            ConfigOverride.config("authentication.methods.token.bootstrap.token", ROOT),
            ConfigOverride.config("authentication.methods.jwt.enabled", "true"),
            ConfigOverride.config("authentication.methods.jwt.jwksUrl", IDP.issuer() + "/jwks"),
            ConfigOverride.config("authentication.methods.oidc.enabled", "true"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.issuerUrl", IDP.issuer()),
            ConfigOverride.config("authentication.methods.oidc.providers.test.clientId", "flipt"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.clientSecret", "s3cr3t"),
            ConfigOverride.config("authentication.methods.oidc.providers.test.redirectAddress", "http://flipt.example"),
            ConfigOverride.config("audit.sinks.database.enabled", "true"));

    /** REST routes Flipt serves without authentication: the method list and the OIDC login. */
    private static final Set<String> PUBLIC_ROUTES = Set.of(
            "GET /auth/v1/method",
            "GET /auth/v1/method/oidc/{provider}/authorize",
            "GET /auth/v1/method/oidc/{provider}/callback");

    /**
     * gRPC methods Flipt serves without authentication: the same, by method. (The network port also
     * serves {@code grpc.health.v1.Health} and server reflection outside the interceptor chain, as
     * Flipt does; {@code /health} over HTTP is public too.)
     */
    private static final Set<String> PUBLIC_METHODS = Set.of(
            "flipt.auth.PublicAuthenticationService/ListAuthenticationMethods",
            "flipt.auth.AuthenticationMethodOIDCService/AuthorizeURL",
            "flipt.auth.AuthenticationMethodOIDCService/Callback");

    /** Services that accept namespace-scoped tokens (Flipt: management, v2 evaluation and the snapshot). */
    private static final Set<String> SCOPABLE_SERVICES = Set.of(
            "flipt.Flipt", "flipt.evaluation.EvaluationService", "flipt.evaluation.DataService");

    private static final Set<String> REQUESTS_KEYED_BY_KEY = Set.of(
            "flipt.GetNamespaceRequest", "flipt.CreateNamespaceRequest", "flipt.UpdateNamespaceRequest",
            "flipt.DeleteNamespaceRequest", "flipt.evaluation.EvaluationNamespaceSnapshotRequest");

    private static HttpApi http;
    private static ManagedChannel channel;
    private static String expired;
    private static String deleted;
    private static String scoped;

    @BeforeAll
    static void prepareTokens() throws Exception {
        http = AuthServer.http(APP);
        channel = AuthServer.grpc(APP);
        assertThat(http.post("/api/v1/namespaces", "{\"key\":\"" + SCOPE + "\",\"name\":\"Team\"}", bearer(ROOT)).status()).isEqualTo(200);
        assertThat(http.post("/api/v1/namespaces", "{\"key\":\"" + OTHER + "\",\"name\":\"Other\"}", bearer(ROOT)).status()).isEqualTo(200);
        Instant soon = Instant.now().plusSeconds(1);
        expired = http.post("/auth/v1/method/token", "{\"name\":\"expiring\",\"expiresAt\":\"" + soon + "\"}", bearer(ROOT))
                .json().path("clientToken").asText();
        JsonNode doomed = http.post("/auth/v1/method/token", "{\"name\":\"doomed\"}", bearer(ROOT)).json();
        deleted = doomed.path("clientToken").asText();
        assertThat(http.delete("/auth/v1/tokens/" + doomed.path("authentication").path("id").asText(), bearer(ROOT)).status()).isEqualTo(200);
        scoped = http.post("/auth/v1/method/token", "{\"name\":\"scoped\",\"namespaceKey\":\"" + SCOPE + "\"}", bearer(ROOT))
                .json().path("clientToken").asText();
        while (!Instant.now().isAfter(soon.plusMillis(200))) {
            Thread.sleep(50);
        }
        assertThat(List.of(expired, deleted, scoped)).allSatisfy(token -> assertThat(token).isNotEmpty());
    }

    @AfterAll
    static void close() {
        channel.shutdownNow();
        IDP.close();
    }

    @Test
    void everyRestRouteNeedsValidCredentialsExceptFliptsPublicOnes() {
        List<String> problems = new ArrayList<>();
        Set<String> seenPublic = new TreeSet<>();
        List<Route> routes = routes();
        for (Route route : routes) {
            String name = route.httpMethod() + " " + route.path().template();
            String path = path(route, OTHER);
            if (PUBLIC_ROUTES.contains(name)) {
                seenPublic.add(name);
                expectNot401(problems, name + " without credentials", send(route, path));
                continue;
            }
            expect401(problems, name + " without credentials", send(route, path));
            expect401(problems, name + " with an expired token", send(route, path, bearer(expired)));
            expect401(problems, name + " with a deleted token", send(route, path, bearer(deleted)));
            expectNot401(problems, name + " with a valid token", send(route, path, bearer(freshToken())));
        }
        assertThat(problems).isEmpty();
        assertThat(seenPublic).as("every listed public route exists").isEqualTo(new TreeSet<>(PUBLIC_ROUTES));
        assertThat(routes).as("the route table is the real one").hasSizeGreaterThan(60);
    }

    @Test
    void everyGrpcMethodNeedsValidCredentialsExceptFliptsPublicOnes() {
        List<String> problems = new ArrayList<>();
        Set<String> seenPublic = new TreeSet<>();
        int methods = 0;
        for (MethodDescriptor<Message, Message> method : methods()) {
            String name = method.getFullMethodName();
            methods++;
            assertThat(method.getType()).as(name + " is unary (streaming methods need their own coverage)")
                    .isEqualTo(MethodDescriptor.MethodType.UNARY);
            Message request = prototype(method);
            if (PUBLIC_METHODS.contains(name)) {
                seenPublic.add(name);
                expectNot(problems, name + " without credentials", call(method, request, null), Status.Code.UNAUTHENTICATED);
                continue;
            }
            expect(problems, name + " without credentials", call(method, request, null), Status.Code.UNAUTHENTICATED);
            expect(problems, name + " with an expired token", call(method, request, expired), Status.Code.UNAUTHENTICATED);
            expect(problems, name + " with a deleted token", call(method, request, deleted), Status.Code.UNAUTHENTICATED);
            expectNot(problems, name + " with a valid token", call(method, request, freshToken()), Status.Code.UNAUTHENTICATED);
        }
        assertThat(problems).isEmpty();
        assertThat(seenPublic).as("every listed public method exists").isEqualTo(new TreeSet<>(PUBLIC_METHODS));
        assertThat(methods).as("the services are the real ones").isGreaterThan(50);
    }

    @Test
    void aNamespaceScopedTokenIsRefusedOutsideItsNamespaceOnEveryRoute() {
        List<String> problems = new ArrayList<>();
        int namespaced = 0;
        for (Route route : routes()) {
            String name = route.httpMethod() + " " + route.path().template();
            if (PUBLIC_ROUTES.contains(name)) {
                continue;
            }
            expect401(problems, name + " scoped to " + SCOPE + " in " + OTHER, send(route, path(route, OTHER), bearer(scoped)));
            if (hasNamespaceVariable(route) && SCOPABLE_SERVICES.contains(route.method().getServiceName())) {
                namespaced++;
                expectNot401(problems, name + " scoped to " + SCOPE + " in " + SCOPE, send(route, path(route, SCOPE), bearer(scoped)));
            } else if (hasNamespaceVariable(route)) {
                expect401(problems, name + " scoped to " + SCOPE + " in " + SCOPE + " (service refuses scoped tokens)",
                        send(route, path(route, SCOPE), bearer(scoped)));
            }
        }
        for (MethodDescriptor<Message, Message> method : methods()) {
            if (PUBLIC_METHODS.contains(method.getFullMethodName())) {
                continue;
            }
            Message inOther = inNamespace(prototype(method), OTHER);
            expect(problems, method.getFullMethodName() + " scoped to " + SCOPE + " in " + OTHER, call(method, inOther, scoped),
                    Status.Code.UNAUTHENTICATED);
            Message inScope = inNamespace(prototype(method), SCOPE);
            if (inScope != null && !SCOPABLE_SERVICES.contains(method.getServiceName())) {
                expect(problems, method.getFullMethodName() + " scoped to " + SCOPE + " in " + SCOPE + " (service refuses scoped tokens)",
                        call(method, inScope, scoped), Status.Code.UNAUTHENTICATED);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(namespaced).as("namespaced routes tried in the token's own namespace").isGreaterThan(30);
    }

    private static List<Route> routes() {
        return RouteTable.fromServices(APP.<io.fliptj.FliptApplication>getApplication().grpcServer().services()).routes();
    }

    @SuppressWarnings("unchecked")
    private static List<MethodDescriptor<Message, Message>> methods() {
        List<MethodDescriptor<Message, Message>> methods = new ArrayList<>();
        for (ServerServiceDefinition service : APP.<io.fliptj.FliptApplication>getApplication().grpcServer().services()) {
            for (ServerMethodDefinition<?, ?> definition : service.getMethods()) {
                methods.add((MethodDescriptor<Message, Message>) definition.getMethodDescriptor());
            }
        }
        return methods;
    }

    @SuppressWarnings("unchecked")
    private static Message prototype(MethodDescriptor<Message, Message> method) {
        return ((MethodDescriptor.PrototypeMarshaller<Message>) method.getRequestMarshaller()).getMessagePrototype();
    }

    /** The request aimed at {@code namespace}, or {@code null} when the request names no namespace. */
    private static Message inNamespace(Message request, String namespace) {
        String field = REQUESTS_KEYED_BY_KEY.contains(request.getDescriptorForType().getFullName()) ? "key" : "namespace_key";
        FieldDescriptor descriptor = request.getDescriptorForType().findFieldByName(field);
        if (descriptor == null || descriptor.getJavaType() != FieldDescriptor.JavaType.STRING || descriptor.isRepeated()) {
            return request;
        }
        return request.toBuilder().setField(descriptor, namespace).build();
    }

    private static boolean hasNamespaceVariable(Route route) {
        PathTemplate template = route.path();
        for (int index = 0; index < template.size(); index++) {
            if (template.variables().get(index) && isNamespaceVariable(route, template.segments().get(index))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamespaceVariable(Route route, String variable) {
        return variable.equals("namespace_key") || variable.equals("namespaceKey")
                || (variable.equals("key") && REQUESTS_KEYED_BY_KEY.contains(route.requestPrototype().getDescriptorForType().getFullName()));
    }

    /** The route's path with namespace variables set to {@code namespace}, the provider to the configured one, others to {@code x}. */
    private static String path(Route route, String namespace) {
        PathTemplate template = route.path();
        StringBuilder path = new StringBuilder();
        for (int index = 0; index < template.size(); index++) {
            String segment = template.segments().get(index);
            path.append('/');
            if (!template.variables().get(index)) {
                path.append(segment);
            } else if (isNamespaceVariable(route, segment)) {
                path.append(namespace);
            } else if (segment.equals("provider")) {
                path.append("test");
            } else {
                path.append('x');
            }
        }
        return path.toString();
    }

    private static HttpApi.Response send(Route route, String path, String... headers) {
        return http.send(route.httpMethod(), path, route.bodyAll() ? "{}" : null, headers);
    }

    private static Status.Code call(MethodDescriptor<Message, Message> method, Message request, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        try {
            ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
            return Status.Code.OK;
        } catch (StatusRuntimeException error) {
            return error.getStatus().getCode();
        }
    }

    /** A new valid token for one call, since some calls (logout) end the token they are made with. */
    private static String freshToken() {
        return http.post("/auth/v1/method/token", "{\"name\":\"probe\"}", bearer(ROOT)).json().path("clientToken").asText();
    }

    private static void expect401(List<String> problems, String what, HttpApi.Response response) {
        if (response.status() != 401) {
            problems.add(what + ": " + response.status() + " " + response.body());
            return;
        }
        JsonNode body = response.json();
        // OFREP answers errors in its own shape, {"errorCode":"GENERAL","errorDetails":"..."}
        boolean fliptBody = body.path("code").asInt() == 16 && body.path("message").asText().equals("request was not authenticated");
        boolean ofrepBody = body.path("errorCode").asText().equals("GENERAL")
                && body.path("errorDetails").asText().equals("request was not authenticated");
        if (!fliptBody && !ofrepBody) {
            problems.add(what + ": 401 with body " + response.body());
        }
    }

    private static void expectNot401(List<String> problems, String what, HttpApi.Response response) {
        if (response.status() == 401) {
            problems.add(what + ": 401");
        }
    }

    private static void expect(List<String> problems, String what, Status.Code actual, Status.Code expected) {
        if (actual != expected) {
            problems.add(what + ": " + actual);
        }
    }

    private static void expectNot(List<String> problems, String what, Status.Code actual, Status.Code unexpected) {
        if (actual == unexpected) {
            problems.add(what + ": " + actual);
        }
    }
}
