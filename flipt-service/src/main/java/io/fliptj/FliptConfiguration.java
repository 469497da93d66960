package io.fliptj;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.validation.ValidationMethod;
import io.fliptj.audit.config.AuditFactory;
import io.fliptj.auth.config.AuthenticationFactory;
import io.fliptj.authz.config.AuthorizationFactory;
import io.fliptj.config.CorsFactory;
import io.fliptj.config.DatabaseFactory;
import io.fliptj.config.FliptServerFactory;
import io.fliptj.config.GrpcServerFactory;
import io.fliptj.config.HttpApiFactory;
import io.fliptj.config.MetaFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.fliptj.telemetry.config.LogFactory;
import io.fliptj.telemetry.config.MetricsFactory;
import io.fliptj.telemetry.config.TracingFactory;
import io.fliptj.config.StorageFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The server's configuration file, {@code config.yml}; every value can be overridden by a {@code FLIPT_*} environment variable. */
public final class FliptConfiguration extends Configuration {
    @Valid
    @NotNull
    private GrpcServerFactory grpc = new GrpcServerFactory();

    @Valid
    @NotNull
    private DatabaseFactory database = new DatabaseFactory();

    @Valid
    @NotNull
    private StorageFactory storage = new StorageFactory();

    @Valid
    @NotNull
    private HttpApiFactory http = new HttpApiFactory();

    @Valid
    @NotNull
    private AuthenticationFactory authentication = new AuthenticationFactory();

    @Valid
    @NotNull
    private AuthorizationFactory authorization = new AuthorizationFactory();

    @Valid
    @NotNull
    private AuditFactory audit = new AuditFactory();

    @Valid
    @NotNull
    private MetricsFactory metrics = new MetricsFactory();

    @Valid
    @NotNull
    private TracingFactory tracing = new TracingFactory();

    @Valid
    @NotNull
    private LogFactory log = new LogFactory();

    @Valid
    @NotNull
    private CorsFactory cors = new CorsFactory();

    @Valid
    @NotNull
    private MetaFactory meta = new MetaFactory();

    public FliptConfiguration() {
        setServerFactory(new FliptServerFactory());
    }

    @JsonProperty
    public CorsFactory getCors() {
        return cors;
    }

    @JsonProperty
    public void setCors(CorsFactory cors) {
        this.cors = cors;
    }

    @JsonProperty
    public MetaFactory getMeta() {
        return meta;
    }

    @JsonProperty
    public void setMeta(MetaFactory meta) {
        this.meta = meta;
    }

    @JsonProperty
    public GrpcServerFactory getGrpc() {
        return grpc;
    }

    @JsonProperty
    public void setGrpc(GrpcServerFactory grpc) {
        this.grpc = grpc;
    }

    @JsonProperty
    public DatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseFactory database) {
        this.database = database;
    }

    @JsonProperty
    public StorageFactory getStorage() {
        return storage;
    }

    @JsonProperty
    public void setStorage(StorageFactory storage) {
        this.storage = storage;
    }

    @JsonProperty
    public HttpApiFactory getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpApiFactory http) {
        this.http = http;
    }

    @JsonProperty
    public AuthenticationFactory getAuthentication() {
        return authentication;
    }

    @JsonProperty
    public void setAuthentication(AuthenticationFactory authentication) {
        this.authentication = authentication;
    }

    @JsonProperty
    public AuthorizationFactory getAuthorization() {
        return authorization;
    }

    @JsonProperty
    public void setAuthorization(AuthorizationFactory authorization) {
        this.authorization = authorization;
    }

    @JsonProperty
    public AuditFactory getAudit() {
        return audit;
    }

    @JsonProperty
    public void setAudit(AuditFactory audit) {
        this.audit = audit;
    }

    @JsonProperty
    public MetricsFactory getMetrics() {
        return metrics;
    }

    @JsonProperty
    public void setMetrics(MetricsFactory metrics) {
        this.metrics = metrics;
    }

    @JsonProperty
    public TracingFactory getTracing() {
        return tracing;
    }

    @JsonProperty
    public void setTracing(TracingFactory tracing) {
        this.tracing = tracing;
    }

    @JsonProperty
    public LogFactory getLog() {
        return log;
    }

    @JsonProperty
    public void setLog(LogFactory log) {
        this.log = log;
    }

    /** Dropwizard's {@code logging} section with Flipt's {@code log} section applied on top. */
    @Override
    @JsonProperty("logging")
    public synchronized LoggingFactory getLoggingFactory() {
        LoggingFactory loggingFactory = super.getLoggingFactory();
        if (log != null) {
            log.applyTo(loggingFactory);
        }
        return loggingFactory;
    }

    @JsonIgnore
    @ValidationMethod(message = "authorization.required requires authentication.required")
    public boolean isAuthorizationBackedByAuthentication() {
        return !authorization.isRequired() || authentication.isRequired();
    }
}
