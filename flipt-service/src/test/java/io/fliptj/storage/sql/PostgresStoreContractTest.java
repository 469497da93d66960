package io.fliptj.storage.sql;

import io.dropwizard.db.DataSourceFactory;

/** The store contract on the machine's PostgreSQL (127.0.0.1:5432, user postgres), in a fresh database. */
class PostgresStoreContractTest extends StoreContractTest {
    private DatabaseServers.FreshDatabase database;

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    protected DataSourceFactory createDatabase() throws Exception {
        database = DatabaseServers.createPostgres();
        return database.factory();
    }

    @Override
    protected void dropDatabase() throws Exception {
        database.drop();
    }
}
