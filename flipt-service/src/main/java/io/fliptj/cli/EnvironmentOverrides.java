package io.fliptj.cli;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Flipt's environment variable names onto Dropwizard's {@code dw.*} system-property
 * overrides, so {@code FLIPT_DB_URL=...} works with any configuration file. A {@code dw.*}
 * property set explicitly wins over the environment.
 *
 * <p>Values are converted as Flipt reads them: list values are space-separated (turned into
 * Dropwizard's comma-separated form), durations use Go's syntax ({@code 1h30m}, {@code 90s}).
 * OIDC providers are map entries named inside the variable:
 * {@code FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_GOOGLE_CLIENT_ID} sets
 * {@code authentication.methods.oidc.providers.google.clientId}.
 */
public final class EnvironmentOverrides {
    private enum Kind {
        TEXT,
        UPPER_CASE,
        LIST,
        DURATION
    }

    private record Target(String path, Kind kind) {
    }

    private static final Map<String, Target> TARGETS_BY_VARIABLE;
    private static final Map<String, Target> OIDC_PROVIDER_FIELDS;
    private static final String OIDC_PROVIDERS_PREFIX = "FLIPT_AUTHENTICATION_METHODS_OIDC_PROVIDERS_";
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    static {
        Map<String, Target> mapping = new LinkedHashMap<>();
        put(mapping, "FLIPT_DB_URL", "database.url", Kind.TEXT);
        put(mapping, "FLIPT_DB_USER", "database.user", Kind.TEXT);
        put(mapping, "FLIPT_DB_PASSWORD", "database.password", Kind.TEXT);
        put(mapping, "FLIPT_DB_MAX_OPEN_CONN", "database.maxOpenConn", Kind.TEXT);
        put(mapping, "FLIPT_DB_MAX_IDLE_CONN", "database.maxIdleConn", Kind.TEXT);
        put(mapping, "FLIPT_DB_CONN_MAX_LIFETIME", "database.connMaxLifetime", Kind.DURATION);
        put(mapping, "FLIPT_SERVER_HOST", "grpc.host", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_HTTP_PORT", "server.applicationConnectors[0].port", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_ADMIN_PORT", "server.adminConnectors[0].port", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_GRPC_PORT", "grpc.port", Kind.TEXT);
        put(mapping, "FLIPT_LOG_LEVEL", "logging.level", Kind.UPPER_CASE);
        put(mapping, "FLIPT_UI_ENABLED", "http.uiEnabled", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_PROTOCOL", "server.protocol", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_HTTPS_PORT", "server.httpsPort", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_CERT_FILE", "server.certFile", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_CERT_KEY", "server.certKey", Kind.TEXT);
        put(mapping, "FLIPT_SERVER_SHUTDOWN_DELAY", "server.shutdownDelay", Kind.DURATION);
        put(mapping, "FLIPT_SERVER_SHUTDOWN_GRACE_PERIOD", "server.shutdownGracePeriod", Kind.DURATION);
        put(mapping, "FLIPT_CORS_ENABLED", "cors.enabled", Kind.TEXT);
        put(mapping, "FLIPT_CORS_ALLOWED_ORIGINS", "cors.allowedOrigins", Kind.LIST);
        put(mapping, "FLIPT_CORS_ALLOWED_HEADERS", "cors.allowedHeaders", Kind.LIST);
        put(mapping, "FLIPT_META_CHECK_FOR_UPDATES", "meta.checkForUpdates", Kind.TEXT);
        put(mapping, "FLIPT_META_TELEMETRY_ENABLED", "meta.telemetryEnabled", Kind.TEXT);
        put(mapping, "FLIPT_META_STATE_DIRECTORY", "meta.stateDirectory", Kind.TEXT);
        put(mapping, "FLIPT_LOG_ENCODING", "log.encoding", Kind.TEXT);
        put(mapping, "FLIPT_METRICS_ENABLED", "metrics.enabled", Kind.TEXT);
        put(mapping, "FLIPT_METRICS_EXPORTER", "metrics.exporter", Kind.TEXT);
        put(mapping, "FLIPT_TRACING_ENABLED", "tracing.enabled", Kind.TEXT);
        put(mapping, "FLIPT_TRACING_EXPORTER", "tracing.exporter", Kind.TEXT);
        put(mapping, "FLIPT_TRACING_SAMPLING_RATIO", "tracing.samplingRatio", Kind.TEXT);
        put(mapping, "FLIPT_TRACING_PROPAGATORS", "tracing.propagators", Kind.LIST);
        put(mapping, "FLIPT_TRACING_OTLP_ENDPOINT", "tracing.otlp.endpoint", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_TYPE", "storage.type", Kind.UPPER_CASE);
        put(mapping, "FLIPT_STORAGE_READ_ONLY", "storage.readOnly", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_LOCAL_PATH", "storage.local.path", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_LOCAL_POLL_INTERVAL", "storage.local.pollInterval", Kind.DURATION);
        put(mapping, "FLIPT_STORAGE_GIT_REPOSITORY", "storage.git.repository", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_GIT_REF", "storage.git.ref", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_GIT_DIRECTORY", "storage.git.directory", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_GIT_POLL_INTERVAL", "storage.git.pollInterval", Kind.DURATION);
        put(mapping, "FLIPT_STORAGE_GIT_AUTHENTICATION_BASIC_USERNAME", "storage.git.authentication.basic.username", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_GIT_AUTHENTICATION_BASIC_PASSWORD", "storage.git.authentication.basic.password", Kind.TEXT);
        put(mapping, "FLIPT_STORAGE_GIT_AUTHENTICATION_TOKEN_ACCESS_TOKEN", "storage.git.authentication.token.accessToken", Kind.TEXT);

        put(mapping, "FLIPT_AUTHENTICATION_REQUIRED", "authentication.required", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_EXCLUDE_MANAGEMENT", "authentication.exclude.management", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_EXCLUDE_EVALUATION", "authentication.exclude.evaluation", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_EXCLUDE_OFREP", "authentication.exclude.ofrep", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_EXCLUDE_METADATA", "authentication.exclude.metadata", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_DOMAIN", "authentication.session.domain", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_SECURE", "authentication.session.secure", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_TOKEN_LIFETIME", "authentication.session.tokenLifetime", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_STATE_LIFETIME", "authentication.session.stateLifetime", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_CSRF_KEY", "authentication.session.csrf.key", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_SESSION_CSRF_TRUSTED_ORIGINS", "authentication.session.csrf.trustedOrigins", Kind.LIST);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_TOKEN_ENABLED", "authentication.methods.token.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_TOKEN_CLEANUP_INTERVAL", "authentication.methods.token.cleanup.interval", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_TOKEN_CLEANUP_GRACE_PERIOD", "authentication.methods.token.cleanup.gracePeriod", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_TOKEN", "authentication.methods.token.bootstrap.token", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_TOKEN_BOOTSTRAP_EXPIRATION", "authentication.methods.token.bootstrap.expiration", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_OIDC_ENABLED", "authentication.methods.oidc.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_OIDC_CLEANUP_INTERVAL", "authentication.methods.oidc.cleanup.interval", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_OIDC_CLEANUP_GRACE_PERIOD", "authentication.methods.oidc.cleanup.gracePeriod", Kind.DURATION);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_OIDC_EMAIL_MATCHES", "authentication.methods.oidc.emailMatches", Kind.LIST);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_ENABLED", "authentication.methods.jwt.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_JWKS_URL", "authentication.methods.jwt.jwksUrl", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_PUBLIC_KEY_FILE", "authentication.methods.jwt.publicKeyFile", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_VALIDATE_CLAIMS_ISSUER", "authentication.methods.jwt.validateClaims.issuer", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_VALIDATE_CLAIMS_SUBJECT", "authentication.methods.jwt.validateClaims.subject", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_JWT_VALIDATE_CLAIMS_AUDIENCES", "authentication.methods.jwt.validateClaims.audiences", Kind.LIST);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_GITHUB_ENABLED", "authentication.methods.github.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUTHENTICATION_METHODS_KUBERNETES_ENABLED", "authentication.methods.kubernetes.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUTHORIZATION_REQUIRED", "authorization.required", Kind.TEXT);
        put(mapping, "FLIPT_AUTHORIZATION_BACKEND", "authorization.backend", Kind.TEXT);
        put(mapping, "FLIPT_AUTHORIZATION_LOCAL_POLICY_PATH", "authorization.local.policy.path", Kind.TEXT);
        put(mapping, "FLIPT_AUTHORIZATION_LOCAL_POLICY_POLL_INTERVAL", "authorization.local.policy.pollInterval", Kind.DURATION);
        put(mapping, "FLIPT_AUDIT_SINKS_LOG_ENABLED", "audit.sinks.log.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_LOG_FILE", "audit.sinks.log.file", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_LOG_ENCODING", "audit.sinks.log.encoding", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_DATABASE_ENABLED", "audit.sinks.database.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_WEBHOOK_ENABLED", "audit.sinks.webhook.enabled", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_WEBHOOK_URL", "audit.sinks.webhook.url", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_WEBHOOK_SIGNING_SECRET", "audit.sinks.webhook.signingSecret", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_SINKS_WEBHOOK_MAX_BACKOFF_DURATION", "audit.sinks.webhook.maxBackoffDuration", Kind.DURATION);
        put(mapping, "FLIPT_AUDIT_SINKS_WEBHOOK_QUEUE_CAPACITY", "audit.sinks.webhook.queueCapacity", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_BUFFER_CAPACITY", "audit.buffer.capacity", Kind.TEXT);
        put(mapping, "FLIPT_AUDIT_BUFFER_FLUSH_PERIOD", "audit.buffer.flushPeriod", Kind.DURATION);
        put(mapping, "FLIPT_AUDIT_EVENTS", "audit.events", Kind.LIST);
        TARGETS_BY_VARIABLE = Map.copyOf(mapping);

        Map<String, Target> providerFields = new LinkedHashMap<>();
        providerFields.put("_ISSUER_URL", new Target("issuerUrl", Kind.TEXT));
        providerFields.put("_CLIENT_ID", new Target("clientId", Kind.TEXT));
        providerFields.put("_CLIENT_SECRET", new Target("clientSecret", Kind.TEXT));
        providerFields.put("_REDIRECT_ADDRESS", new Target("redirectAddress", Kind.TEXT));
        providerFields.put("_NONCE", new Target("nonce", Kind.TEXT));
        providerFields.put("_SCOPES", new Target("scopes", Kind.LIST));
        providerFields.put("_USE_PKCE", new Target("usePkce", Kind.TEXT));
        OIDC_PROVIDER_FIELDS = Map.copyOf(providerFields);
    }

    private EnvironmentOverrides() {
        throw new AssertionError("no instances");
    }

    private static void put(Map<String, Target> mapping, String variable, String path, Kind kind) {
        mapping.put(variable, new Target(path, kind));
    }

    /** The supported fixed-name variables and the configuration paths they set. */
    public static Map<String, String> mapping() {
        Map<String, String> paths = new LinkedHashMap<>();
        TARGETS_BY_VARIABLE.forEach((variable, target) -> paths.put(variable, target.path()));
        return paths;
    }

    /** Sets {@code dw.<path>} for each supported variable present in {@code environment}. */
    public static void apply(Map<String, String> environment) {
        properties(environment).forEach((property, value) -> {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        });
    }

    /** The {@code dw.*} properties {@code environment} translates to. */
    public static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String value = entry.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            Target target = targetOf(entry.getKey());
            if (target != null) {
                properties.put("dw." + target.path(), convert(target.kind(), value));
            }
        }
        return properties;
    }

    private static Target targetOf(String variable) {
        Target target = TARGETS_BY_VARIABLE.get(variable);
        if (target != null || !variable.startsWith(OIDC_PROVIDERS_PREFIX)) {
            return target;
        }
        String rest = variable.substring(OIDC_PROVIDERS_PREFIX.length());
        for (Map.Entry<String, Target> field : OIDC_PROVIDER_FIELDS.entrySet()) {
            if (rest.endsWith(field.getKey()) && rest.length() > field.getKey().length()) {
                String provider = rest.substring(0, rest.length() - field.getKey().length()).toLowerCase(Locale.ROOT);
                return new Target("authentication.methods.oidc.providers." + provider + "." + field.getValue().path(),
                        field.getValue().kind());
            }
        }
        return null;
    }

    private static String convert(Kind kind, String value) {
        return switch (kind) {
            case TEXT -> value;
            case UPPER_CASE -> value.toUpperCase(Locale.ROOT);
            case LIST -> String.join(",", value.trim().split("\\s+"));
            case DURATION -> goDuration(value.trim());
        };
    }

    /**
     * A Go duration ({@code 1h30m}, {@code 1.5h}, {@code 300ms}) as Dropwizard reads durations; a
     * single plain unit passes through unchanged, anything unparsable too (Dropwizard then reports it).
     */
    static String goDuration(String value) {
        if (value.equals("0")) {
            return "0s";
        }
        Matcher matcher = GO_DURATION_PART.matcher(value);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        int parts = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPer(matcher.group(2)))));
            end = matcher.end();
            parts++;
        }
        if (parts == 0 || end != value.length()) {
            return value;
        }
        return nanos.toBigInteger() + "ns";
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }
}
