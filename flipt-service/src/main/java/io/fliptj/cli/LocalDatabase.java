package io.fliptj.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.FliptConfiguration;
import io.fliptj.features.FeatureApi;
import io.fliptj.features.StoreFeatureApi;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.storage.Stores;
import io.fliptj.storage.sql.Migrations;
import io.fliptj.storage.sql.SqlStores;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The configured database opened for a command: migrated (Liquibase's console messages go to standard error,
 * keeping standard output for the command's result), with the stores and the API's validation on them.
 */
final class LocalDatabase implements AutoCloseable {
    private final ManagedDataSource dataSource;
    private final Jdbi jdbi;
    private final Stores stores;

    LocalDatabase(FliptConfiguration configuration) throws Exception {
        dataSource = configuration.getDatabase().toDataSourceFactory().build(new MetricRegistry(), "features");
        dataSource.start();
        PrintStream standardOutput = System.out;
        System.setOut(System.err);
        try {
            Migrations.migrate(dataSource);
        } finally {
            System.setOut(standardOutput);
        }
        jdbi = Jdbi.create(dataSource);
        stores = SqlStores.create(jdbi, configuration.getDatabase().parsedUrl().dialect());
    }

    FeatureApi api() {
        return new StoreFeatureApi(stores, new RequestValidator());
    }

    /** Runs {@code work} in one database transaction: all of it, or nothing. */
    <T> T inOneTransaction(Supplier<T> work) {
        return SqlStores.inOneTransaction(jdbi, work);
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
