package io.fliptj.authz;

import java.util.Map;
import java.util.Set;

/**
 * The role each gRPC method needs, and where the namespace it is checked on comes from. Reads and
 * evaluations need {@link Role#VIEWER} in the request's namespace, changes to flags, segments and
 * their parts {@link Role#EDITOR}, namespace changes {@link Role#ADMIN} on that namespace, token
 * management {@link Role#ADMIN} on every namespace (creating a token scoped to a namespace: admin
 * of that namespace), reading the audit trail {@link Role#ADMIN} on every namespace. The caller's
 * own authentication, the login services, meta and health need no role. A method not listed here
 * needs admin on every namespace.
 */
final class Permissions {
    /** Where the namespace of a check comes from. */
    enum Scope {
        /** No check. */
        NONE,
        /** The namespace(s) named by the request message. */
        REQUEST,
        /** Every namespace ({@code *}). */
        ALL,
        /** At least one namespace; the results are narrowed to the permitted namespaces. */
        ANY,
        /** The {@code x-flipt-namespace} header (OFREP), {@code default} when absent. */
        NAMESPACE_HEADER,
        /** The token's {@code namespaceKey}; every namespace when it is empty. */
        TOKEN_NAMESPACE
    }

    /** What one method needs. */
    record Requirement(Role role, Scope scope) {
    }

    private static final Requirement NONE = new Requirement(Role.VIEWER, Scope.NONE);
    private static final Requirement READ = new Requirement(Role.VIEWER, Scope.REQUEST);
    private static final Requirement WRITE = new Requirement(Role.EDITOR, Scope.REQUEST);
    private static final Requirement ADMIN_EVERYWHERE = new Requirement(Role.ADMIN, Scope.ALL);

    private static final Set<String> UNCHECKED_SERVICES = Set.of(
            "flipt.auth.PublicAuthenticationService", "flipt.auth.AuthenticationMethodOIDCService",
            "flipt.auth.AuthenticationMethodGithubService", "flipt.auth.AuthenticationMethodKubernetesService",
            "flipt.meta.MetadataService", "grpc.health.v1.Health");

    private static final Map<String, Requirement> METHODS = Map.ofEntries(
            Map.entry("flipt.Flipt/ListNamespaces", new Requirement(Role.VIEWER, Scope.ANY)),
            Map.entry("flipt.Flipt/CreateNamespace", new Requirement(Role.ADMIN, Scope.REQUEST)),
            Map.entry("flipt.Flipt/UpdateNamespace", new Requirement(Role.ADMIN, Scope.REQUEST)),
            Map.entry("flipt.Flipt/DeleteNamespace", new Requirement(Role.ADMIN, Scope.REQUEST)),
            Map.entry("flipt.Flipt/Evaluate", READ),
            Map.entry("flipt.Flipt/BatchEvaluate", READ),
            Map.entry("flipt.ofrep.OFREPService/GetProviderConfiguration", NONE),
            Map.entry("flipt.ofrep.OFREPService/EvaluateFlag", new Requirement(Role.VIEWER, Scope.NAMESPACE_HEADER)),
            Map.entry("flipt.ofrep.OFREPService/EvaluateBulk", new Requirement(Role.VIEWER, Scope.NAMESPACE_HEADER)),
            Map.entry("flipt.auth.AuthenticationService/GetAuthenticationSelf", NONE),
            Map.entry("flipt.auth.AuthenticationService/ExpireAuthenticationSelf", NONE),
            Map.entry("flipt.auth.AuthenticationService/GetAuthentication", ADMIN_EVERYWHERE),
            Map.entry("flipt.auth.AuthenticationService/ListAuthentications", ADMIN_EVERYWHERE),
            Map.entry("flipt.auth.AuthenticationService/DeleteAuthentication", ADMIN_EVERYWHERE),
            Map.entry("flipt.auth.AuthenticationMethodTokenService/CreateToken", new Requirement(Role.ADMIN, Scope.TOKEN_NAMESPACE)),
            Map.entry("flipt.audit.AuditService/ListAuditEvents", ADMIN_EVERYWHERE));

    private Permissions() {
        throw new AssertionError("no instances");
    }

    /** The requirement of {@code fullMethodName} ({@code service/Method}). */
    static Requirement of(String fullMethodName) {
        Requirement listed = METHODS.get(fullMethodName);
        if (listed != null) {
            return listed;
        }
        int slash = fullMethodName.indexOf('/');
        String service = slash < 0 ? fullMethodName : fullMethodName.substring(0, slash);
        String method = slash < 0 ? "" : fullMethodName.substring(slash + 1);
        if (UNCHECKED_SERVICES.contains(service)) {
            return NONE;
        }
        return switch (service) {
            case "flipt.Flipt" -> method.startsWith("Get") || method.startsWith("List") ? READ : WRITE;
            case "flipt.evaluation.EvaluationService", "flipt.evaluation.DataService", "flipt.analytics.AnalyticsService" -> READ;
            default -> ADMIN_EVERYWHERE;
        };
    }
}
