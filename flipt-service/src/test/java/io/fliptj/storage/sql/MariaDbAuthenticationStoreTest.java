package io.fliptj.storage.sql;

import io.dropwizard.db.DataSourceFactory;

/** The authentication store contract on the machine's MariaDB/MySQL (127.0.0.1:3306, user root), in a fresh database. */
class MariaDbAuthenticationStoreTest extends SqlAuthenticationStoreContract {
    private DatabaseServers.FreshDatabase database;

    @Override
    protected Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    protected DataSourceFactory createDatabase() throws Exception {
        database = DatabaseServers.createMariaDb();
        return database.factory();
    }

    @Override
    protected void dropDatabase() throws Exception {
        database.drop();
    }
}
