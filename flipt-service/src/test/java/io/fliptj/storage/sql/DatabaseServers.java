package io.fliptj.storage.sql;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Access to the database servers of the machine for the contract suites. A server that does not answer
 * skips its suite with a visible message, unless {@code FLIPT_REQUIRE_DATABASES=true}, which makes it fail.
 */
final class DatabaseServers {
    private DatabaseServers() {
    }

    static Connection connectOrSkip(String server, String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            String message = server + " at " + url + " is not reachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("FLIPT_REQUIRE_DATABASES"))) {
                fail(message + " and FLIPT_REQUIRE_DATABASES=true");
            }
            System.err.println("SKIPPING " + server + " store contract tests: " + message);
            assumeTrue(false, message);
            throw new IllegalStateException("unreachable");
        }
    }

    /** A fresh, uniquely named database on one of the machine's servers; {@link #drop()} removes it. */
    record FreshDatabase(String server, String serverUrl, String user, String name, String dropStatement, DataSourceFactory factory) {
        void drop() throws SQLException {
            try (Connection connection = connectOrSkip(server, serverUrl, user, ""); Statement statement = connection.createStatement()) {
                statement.execute(dropStatement);
            }
        }
    }

    /** A fresh database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, no password). */
    static FreshDatabase createPostgres() throws SQLException {
        String server = "jdbc:postgresql://127.0.0.1:5432/";
        return create("PostgreSQL", server + "postgres", "postgres", "CREATE DATABASE %s", "DROP DATABASE IF EXISTS %s WITH (FORCE)",
                "org.postgresql.Driver", server + "%s");
    }

    /** A fresh utf8mb4 database on the machine's MariaDB (127.0.0.1:3306, user root, no password). */
    static FreshDatabase createMariaDb() throws SQLException {
        String server = "jdbc:mysql://127.0.0.1:3306/";
        return create("MariaDB", server, "root", "CREATE DATABASE %s CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "DROP DATABASE IF EXISTS %s", "com.mysql.cj.jdbc.Driver", server + "%s?useSSL=false&allowPublicKeyRetrieval=true");
    }

    private static FreshDatabase create(String server, String serverUrl, String user, String createStatement, String dropStatement,
            String driverClass, String databaseUrl) throws SQLException {
        String name = uniqueDatabaseName();
        try (Connection connection = connectOrSkip(server, serverUrl, user, ""); Statement statement = connection.createStatement()) {
            statement.execute(createStatement.formatted(name));
        }
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass(driverClass);
        factory.setUrl(databaseUrl.formatted(name));
        factory.setUser(user);
        factory.setPassword("");
        return new FreshDatabase(server, serverUrl, user, name, dropStatement.formatted(name), factory);
    }

    static String uniqueDatabaseName() {
        return "fliptj_test_" + Long.toHexString(System.nanoTime()) + Integer.toHexString((int) (Math.random() * 0xfff));
    }
}
