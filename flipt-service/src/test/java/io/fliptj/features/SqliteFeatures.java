package io.fliptj.features;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.Stores;
import io.fliptj.storage.sql.Dialect;
import io.fliptj.storage.sql.Migrations;
import io.fliptj.storage.sql.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** A fresh, migrated SQLite database with the stores and the import/export API on it. */
final class SqliteFeatures implements AutoCloseable {
    private final ManagedDataSource dataSource;
    private final Jdbi jdbi;
    private final Stores stores;

    SqliteFeatures() throws Exception {
        Path directory = Files.createTempDirectory("fliptj-features");
        directory.toFile().deleteOnExit();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.sqlite.JDBC");
        factory.setUrl("jdbc:sqlite:" + directory.resolve("flipt.db"));
        factory.setValidationQuery("SELECT 1");
        dataSource = factory.build(new com.codahale.metrics.MetricRegistry(), "features-test");
        dataSource.start();
        Migrations.migrate(dataSource);
        jdbi = Jdbi.create(dataSource);
        stores = SqlStores.create(jdbi, Dialect.SQLITE);
    }

    FeatureApi api() {
        return new StoreFeatureApi(stores, new RequestValidator());
    }

    Stores stores() {
        return stores;
    }

    <T> T inOneTransaction(Supplier<T> work) {
        return SqlStores.inOneTransaction(jdbi, work);
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
