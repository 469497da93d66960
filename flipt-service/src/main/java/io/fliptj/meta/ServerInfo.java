package io.fliptj.meta;

import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.fliptj.FliptConfiguration;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.fliptj.config.DatabaseFactory;
import io.fliptj.config.FliptServerFactory;
import io.fliptj.config.StorageFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The documents behind {@code /meta/info} and {@code /meta/config}, in Flipt's shapes. */
public final class ServerInfo {
    /** The version this build reports. */
    public static final String VERSION = versionOf();

    private ServerInfo() {
        throw new AssertionError("no instances");
    }

    private static String versionOf() {
        String version = ServerInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static Map<String, Object> info(FliptConfiguration configuration) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", VERSION);
        info.put("goVersion", "java" + Runtime.version().feature() + " (" + System.getProperty("java.vm.name", "JVM") + " " + Runtime.version() + ")");
        info.put("updateAvailable", false);
        info.put("isRelease", !VERSION.equals("dev") && !VERSION.endsWith("SNAPSHOT"));
        info.put("os", System.getProperty("os.name", "").toLowerCase(Locale.ROOT));
        info.put("arch", architecture());
        info.put("authentication", Map.of("required", configuration.getAuthentication().isRequired()));
        info.put("storage", storage(configuration));
        info.put("analytics", Map.of("enabled", false));
        info.put("ui", Map.of("theme", "system"));
        return info;
    }

    public static Map<String, Object> configuration(FliptConfiguration configuration) {
        DatabaseFactory database = configuration.getDatabase();
        Map<String, Object> document = new LinkedHashMap<>();
        String logLevel = configuration.getLog().getLevel() != null ? configuration.getLog().getLevel()
                : configuration.getLoggingFactory() instanceof DefaultLoggingFactory logging ? logging.getLevel() : "INFO";
        document.put("log", Map.of("level", logLevel, "encoding", configuration.getLog().getEncoding()));
        document.put("metrics", Map.of("enabled", configuration.getMetrics().isEnabled(), "exporter", configuration.getMetrics().getExporter()));
        document.put("ui", Map.of("enabled", configuration.getHttp().isUiEnabled()));
        document.put("server", server(configuration));
        document.put("db", Map.of(
                "maxIdleConn", database.getMaxIdleConn(),
                "maxOpenConn", database.getMaxOpenConn(),
                "connMaxLifetime", database.getConnMaxLifetime().toString(),
                "protocol", database.parsedUrl().dialect().name().toLowerCase(Locale.ROOT)));
        document.put("storage", storage(configuration));
        document.put("authentication", Map.of("required", configuration.getAuthentication().isRequired()));
        document.put("audit", Map.of(
                "sinks", Map.of(
                        "log", Map.of("enabled", configuration.getAudit().getSinks().getLog().isEnabled(),
                                "encoding", configuration.getAudit().getSinks().getLog().getEncoding()),
                        "database", Map.of("enabled", configuration.getAudit().getSinks().getDatabase().isEnabled()),
                        "webhook", Map.of("enabled", configuration.getAudit().getSinks().getWebhook().isEnabled(),
                                "url", configuration.getAudit().getSinks().getWebhook().getUrl(),
                                "maxBackoffDuration", configuration.getAudit().getSinks().getWebhook().getMaxBackoffDuration().toString())),
                "buffer", Map.of("capacity", configuration.getAudit().getBuffer().getCapacity(),
                        "flushPeriod", configuration.getAudit().getBuffer().getFlushPeriod().toString()),
                "events", List.copyOf(configuration.getAudit().getEvents())));
        document.put("cache", Map.of("enabled", true, "backend", "memory", "ttl", "500ms"));
        document.put("cors", Map.of("enabled", configuration.getCors().isEnabled(),
                "allowedOrigins", List.copyOf(configuration.getCors().getAllowedOrigins()),
                "allowedHeaders", List.copyOf(configuration.getCors().getAllowedHeaders())));
        document.put("meta", Map.of("checkForUpdates", configuration.getMeta().isCheckForUpdates(),
                "telemetryEnabled", configuration.getMeta().isTelemetryEnabled()));
        // the OTLP headers may hold credentials: never shown
        document.put("tracing", Map.of(
                "enabled", configuration.getTracing().isEnabled(),
                "exporter", configuration.getTracing().getExporter(),
                "samplingRatio", configuration.getTracing().getSamplingRatio(),
                "propagators", List.copyOf(configuration.getTracing().getPropagators()),
                "otlp", Map.of("endpoint", configuration.getTracing().getOtlp().getEndpoint())));
        return document;
    }

    private static Map<String, Object> storage(FliptConfiguration configuration) {
        StorageFactory storage = configuration.getStorage();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", storage.typeName());
        document.put("readOnly", storage.isReadOnlyInEffect());
        if (storage.getType() == StorageFactory.Type.GIT) {
            document.put("metadata", Map.of("repository", storage.getGit().getRepository(), "ref", storage.getGit().getRef()));
        }
        return document;
    }

    /** Flipt's {@code server} section; the key file is never shown. */
    private static Map<String, Object> server(FliptConfiguration configuration) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("host", configuration.getGrpc().getHost());
        if (configuration.getServerFactory() instanceof FliptServerFactory flipt) {
            server.put("protocol", flipt.getProtocol().toString());
            if (flipt.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
                server.put("httpPort", http.getPort());
            }
            server.put("httpsPort", flipt.getHttpsPort());
            if (flipt.getCertFile() != null && !flipt.getCertFile().isEmpty()) {
                server.put("certFile", flipt.getCertFile());
            }
        }
        server.put("grpcPort", configuration.getGrpc().getPort());
        return server;
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
