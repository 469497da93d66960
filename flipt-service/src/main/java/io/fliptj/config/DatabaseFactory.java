package io.fliptj.config;

import io.fliptj.storage.sql.Dialect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * The {@code database} section, named as Flipt's {@code db} section: a URL in Flipt's forms
 * ({@code file:flipt.db}, {@code postgres://user:pass@host:5432/db?sslmode=disable},
 * {@code mysql://user:pass@host:3306/db}, {@code cockroach://...}) or a JDBC URL, plus pool limits.
 */
public final class DatabaseFactory {
    @NotEmpty
    private String url = "file:flipt.db";

    private String user;

    private String password;

    @Min(1)
    private int maxOpenConn = 16;

    @Min(0)
    private int maxIdleConn = 2;

    @NotNull
    private Duration connMaxLifetime = Duration.minutes(30);

    private boolean autoMigrate = true;

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonIgnore
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public int getMaxOpenConn() {
        return maxOpenConn;
    }

    @JsonProperty
    public void setMaxOpenConn(int maxOpenConn) {
        this.maxOpenConn = maxOpenConn;
    }

    @JsonProperty
    public int getMaxIdleConn() {
        return maxIdleConn;
    }

    @JsonProperty
    public void setMaxIdleConn(int maxIdleConn) {
        this.maxIdleConn = maxIdleConn;
    }

    @JsonProperty
    public Duration getConnMaxLifetime() {
        return connMaxLifetime;
    }

    @JsonProperty
    public void setConnMaxLifetime(Duration connMaxLifetime) {
        this.connMaxLifetime = connMaxLifetime;
    }

    @JsonProperty
    public boolean isAutoMigrate() {
        return autoMigrate;
    }

    @JsonProperty
    public void setAutoMigrate(boolean autoMigrate) {
        this.autoMigrate = autoMigrate;
    }

    /** The parsed connection target of {@link #getUrl()}. */
    @JsonIgnore
    public DatabaseUrl parsedUrl() {
        try {
            return DatabaseUrl.parse(url, user, password);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("database.url: " + invalid.getMessage(), invalid);
        }
    }

    /** A Dropwizard pool configuration for this database. */
    @JsonIgnore
    public DataSourceFactory toDataSourceFactory() {
        DatabaseUrl target = parsedUrl();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass(target.driverClass());
        factory.setUrl(target.jdbcUrl());
        factory.setUser(target.user());
        factory.setPassword(target.password());
        factory.setMaxSize(target.dialect() == Dialect.SQLITE ? Math.max(maxOpenConn, 4) : maxOpenConn);
        factory.setMinSize(Math.min(maxIdleConn, maxOpenConn));
        factory.setInitialSize(Math.min(maxIdleConn, maxOpenConn));
        factory.setMaxConnectionAge(connMaxLifetime);
        factory.setValidationQuery("SELECT 1");
        factory.setCheckConnectionOnBorrow(true);
        factory.setMaxWaitForConnection(Duration.seconds(1));
        factory.setValidationQueryTimeout(Duration.seconds(1));
        factory.setProperties(Map.copyOf(target.properties()));
        factory.setAutoCommitByDefault(true);
        return factory;
    }
}
