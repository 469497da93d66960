package io.fliptj.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import io.fliptj.transport.IdleConnectionCloser;
import io.fliptj.transport.JsonErrorHandler;
import io.fliptj.transport.PemHttpsConnectorFactory;
import io.fliptj.transport.PemKeyMaterial;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Server;

/**
 * The {@code server} section: Dropwizard's connectors, thread pools and request log, plus Flipt's
 * {@code protocol}, {@code https_port}, {@code cert_file} and {@code cert_key}. With
 * {@code protocol: https} the first application connector serves HTTPS on {@code httpsPort} with
 * the PEM certificate, and gRPC uses the same certificate (as Flipt does); plain HTTP is then not
 * served. {@code shutdownDelay} is how long the server reports itself not serving before it stops
 * accepting connections on shutdown.
 */
@JsonTypeName("flipt")
public class FliptServerFactory extends DefaultServerFactory {
    @NotNull
    private Protocol protocol = Protocol.HTTP;

    @Min(0)
    @Max(65535)
    private int httpsPort = 443;

    private String certFile;

    private String certKey;

    @NotNull
    private Duration shutdownDelay = Duration.seconds(0);

    @JsonIgnore
    private PemKeyMaterial keyMaterial;

    /** Makes this the type of a {@code server} section that names none (Dropwizard's own default is {@code default}). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = FliptServerFactory.class)
    private interface DefaultType {
    }

    public static void registerAsDefault(ObjectMapper objectMapper) {
        objectMapper.addMixIn(ServerFactory.class, DefaultType.class);
    }

    public FliptServerFactory() {
        // Flipt compresses JSON whatever the method (evaluation is a POST). Single evaluations
        // (a few hundred bytes) stay uncompressed: gzip cost them 45% more CPU for a 13% smaller
        // body (docs/benchmarks.md); lists, batches and snapshots are compressed.
        getGzipFilterFactory().setIncludedMethods(Set.of("GET", "POST", "PUT"));
        getGzipFilterFactory().setMinimumEntitySize(DataSize.kibibytes(1));
    }

    @JsonProperty
    public Protocol getProtocol() {
        return protocol;
    }

    @JsonProperty
    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    @JsonProperty
    public int getHttpsPort() {
        return httpsPort;
    }

    @JsonProperty
    @JsonAlias("https_port")
    public void setHttpsPort(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @JsonProperty
    public String getCertFile() {
        return certFile;
    }

    @JsonProperty
    @JsonAlias("cert_file")
    public void setCertFile(String certFile) {
        this.certFile = certFile;
    }

    @JsonIgnore
    public String getCertKey() {
        return certKey;
    }

    @JsonProperty
    @JsonAlias("cert_key")
    public void setCertKey(String certKey) {
        this.certKey = certKey;
    }

    @JsonProperty
    public Duration getShutdownDelay() {
        return shutdownDelay;
    }

    @JsonProperty
    @JsonAlias("shutdown_delay")
    public void setShutdownDelay(Duration shutdownDelay) {
        this.shutdownDelay = shutdownDelay;
    }

    @JsonIgnore
    @ValidationMethod(message = "server.certFile and server.certKey are required when server.protocol is https")
    public boolean isCertificateGivenForHttps() {
        return protocol != Protocol.HTTPS || (!isBlank(certFile) && !isBlank(certKey));
    }

    /**
     * The certificate and key when {@code protocol} is https, read once.
     *
     * @throws IllegalArgumentException naming the setting and file when they cannot be used
     */
    @JsonIgnore
    public synchronized Optional<PemKeyMaterial> tls() {
        if (protocol != Protocol.HTTPS) {
            return Optional.empty();
        }
        if (keyMaterial == null) {
            checkReadable("server.certFile", certFile);
            checkReadable("server.certKey", certKey);
            try {
                keyMaterial = PemKeyMaterial.read(Path.of(certFile), Path.of(certKey));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("server.certFile/server.certKey: " + invalid.getMessage(), invalid);
            }
        }
        return Optional.of(keyMaterial);
    }

    @Override
    public Server build(Environment environment) {
        Optional<PemKeyMaterial> tls = tls();
        if (tls.isPresent()) {
            List<ConnectorFactory> connectors = new ArrayList<>(getApplicationConnectors());
            if (connectors.get(0) instanceof HttpConnectorFactory plain && !(plain instanceof HttpsConnectorFactory)) {
                connectors.set(0, PemHttpsConnectorFactory.from(plain, httpsPort, tls.get()));
                setApplicationConnectors(connectors);
            }
        }
        Server server = super.build(environment);
        server.setErrorHandler(new JsonErrorHandler());
        IdleConnectionCloser.install(server);
        return server;
    }

    private static void checkReadable(String key, String file) {
        if (!Path.of(file).toFile().isFile()) {
            throw new IllegalArgumentException(key + " = \"" + file + "\": no such file");
        }
        if (!Path.of(file).toFile().canRead()) {
            throw new IllegalArgumentException(key + " = \"" + file + "\": not readable");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
