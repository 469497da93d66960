package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Every difference between the SQL dialects, in one place: pagination syntax, timestamp encoding,
 * connection set-up, isolation for consistent reads, write serialisation and the classification of
 * driver errors. Thread-safe and immutable.
 */
final class SqlDialect {
    /** The kind of integrity violation a failed statement reported. */
    enum Violation {
        UNIQUE,
        FOREIGN_KEY,
        NONE
    }

    private static final String MYSQL_UNLIMITED = "18446744073709551615";
    private static final DateTimeFormatter TEXT_WRITE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TEXT_READ_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_CONSTRAINT_FOREIGNKEY = 787;
    private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
    private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;
    private static final List<Integer> MYSQL_DUPLICATE_KEY = List.of(1022, 1062, 1586);
    private static final List<Integer> MYSQL_FOREIGN_KEY = List.of(1216, 1217, 1451, 1452);

    private final Dialect dialect;

    /** The notification channel that carries namespace change notices. */
    static final String CHANGE_CHANNEL = "flipt_namespace_changes";

    SqlDialect(Dialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    Dialect dialect() {
        return dialect;
    }

    /** True when the database allows one writer at a time, so writes must queue in-process. */
    boolean serializesWrites() {
        return switch (dialect) {
            case SQLITE -> true;
            case POSTGRES, MYSQL, COCKROACH -> false;
        };
    }

    /** Statements to run on every connection before use. */
    List<String> connectionStatements() {
        return switch (dialect) {
            case SQLITE -> List.of("PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000");
            case POSTGRES, MYSQL, COCKROACH -> List.of();
        };
    }

    /** Statements to run once when the stores are created. */
    List<String> initializationStatements() {
        return switch (dialect) {
            case SQLITE -> List.of("PRAGMA journal_mode = WAL");
            case POSTGRES, MYSQL, COCKROACH -> List.of();
        };
    }

    /**
     * A query that queues a change notice ({@code :channel}, payload {@code :namespaceKey}) for delivery at
     * commit to every session listening on the channel; empty where the database has no such feature
     * (instances then rely on polling state versions alone).
     */
    Optional<String> notifyChangeQuery() {
        return switch (dialect) {
            case POSTGRES -> Optional.of("SELECT 1 FROM (SELECT pg_notify(:channel, :namespaceKey)) AS notified");
            case SQLITE, MYSQL, COCKROACH -> Optional.empty();
        };
    }

    /** Isolation for multi-statement reads that must see one consistent state; empty: the default. */
    Optional<TransactionIsolationLevel> snapshotIsolation() {
        return switch (dialect) {
            case SQLITE -> Optional.empty();
            case POSTGRES, MYSQL -> Optional.of(TransactionIsolationLevel.REPEATABLE_READ);
            case COCKROACH -> Optional.of(TransactionIsolationLevel.SERIALIZABLE);
        };
    }

    /**
     * A query that write-locks one namespace row ({@code :namespaceKey}) for the rest of the transaction, so
     * that writers of a namespace queue up instead of deadlocking on the row's state version; empty where
     * writes are serialised anyway.
     */
    Optional<String> lockNamespaceQuery() {
        return switch (dialect) {
            case SQLITE -> Optional.empty();
            case POSTGRES, MYSQL, COCKROACH ->
                    Optional.of("SELECT namespace_key FROM namespaces WHERE namespace_key = :namespaceKey FOR UPDATE");
        };
    }

    /** A {@code LIMIT/OFFSET} clause; a limit of zero means no limit. Empty when neither applies. */
    String limitOffset(long limit, long offset) {
        if (limit <= 0 && offset <= 0) {
            return "";
        }
        if (limit > 0) {
            return offset > 0 ? " LIMIT " + limit + " OFFSET " + offset : " LIMIT " + limit;
        }
        return switch (dialect) {
            case SQLITE -> " LIMIT -1 OFFSET " + offset;
            case POSTGRES, COCKROACH -> " OFFSET " + offset;
            case MYSQL -> " LIMIT " + MYSQL_UNLIMITED + " OFFSET " + offset;
        };
    }

    /**
     * A bind argument for a UTC instant, in the column encoding of this dialect. MySQL gets text because
     * MySQL Connector/J drops fractional seconds when it talks to MariaDB (which announces itself as 5.5.5).
     */
    Argument timestamp(Instant instant) {
        return switch (dialect) {
            case SQLITE, MYSQL -> {
                String text = TEXT_WRITE_FORMAT.format(instant);
                yield (position, statement, context) -> statement.setString(position, text);
            }
            case POSTGRES, COCKROACH -> {
                LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
                yield (position, statement, context) -> statement.setObject(position, utc);
            }
        };
    }

    /** Reads a UTC timestamp column; null when the column is NULL. */
    Timestamp readTimestamp(ResultSet resultSet, String column) throws SQLException {
        LocalDateTime utc = switch (dialect) {
            case SQLITE, MYSQL -> {
                String text = resultSet.getString(column);
                yield text == null ? null : LocalDateTime.parse(text.trim(), TEXT_READ_FORMAT);
            }
            case POSTGRES, COCKROACH -> resultSet.getObject(column, LocalDateTime.class);
        };
        if (utc == null) {
            return null;
        }
        Instant instant = utc.toInstant(ZoneOffset.UTC);
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The integrity violation behind a failed statement, if any. */
    Violation violation(Throwable failure) {
        for (SQLException exception : sqlExceptions(failure)) {
            Violation violation = switch (dialect) {
                case SQLITE -> sqliteViolation(exception);
                case POSTGRES, COCKROACH -> postgresViolation(exception);
                case MYSQL -> mysqlViolation(exception);
            };
            if (violation != Violation.NONE) {
                return violation;
            }
        }
        return Violation.NONE;
    }

    /** True when the failure is a serialization failure or deadlock after which the transaction may be re-run. */
    boolean isRetryable(Throwable failure) {
        for (SQLException exception : sqlExceptions(failure)) {
            String state = exception.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure means the database cannot be reached or is locked beyond the busy timeout. */
    boolean isUnavailable(Throwable failure) {
        if (failure instanceof ConnectionException) {
            return true;
        }
        for (SQLException exception : sqlExceptions(failure)) {
            String state = exception.getSQLState();
            if (state != null && state.startsWith("08")) {
                return true;
            }
            if (dialect == Dialect.SQLITE && (exception.getErrorCode() & 0xff) == SQLITE_BUSY) {
                return true;
            }
        }
        return false;
    }

    private static Violation sqliteViolation(SQLException exception) {
        int code = exception.getErrorCode();
        if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
            return Violation.FOREIGN_KEY;
        }
        if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) {
            return Violation.UNIQUE;
        }
        if ((code & 0xff) == SQLITE_CONSTRAINT) {
            String message = String.valueOf(exception.getMessage());
            if (message.contains("FOREIGN KEY constraint failed")) {
                return Violation.FOREIGN_KEY;
            }
            if (message.contains("UNIQUE constraint failed")) {
                return Violation.UNIQUE;
            }
        }
        return Violation.NONE;
    }

    private static Violation postgresViolation(SQLException exception) {
        String state = exception.getSQLState();
        if ("23505".equals(state)) {
            return Violation.UNIQUE;
        }
        if ("23503".equals(state)) {
            return Violation.FOREIGN_KEY;
        }
        return Violation.NONE;
    }

    private static Violation mysqlViolation(SQLException exception) {
        String state = exception.getSQLState();
        if (state == null || !state.startsWith("23")) {
            return Violation.NONE;
        }
        if (MYSQL_DUPLICATE_KEY.contains(exception.getErrorCode())) {
            return Violation.UNIQUE;
        }
        if (MYSQL_FOREIGN_KEY.contains(exception.getErrorCode())) {
            return Violation.FOREIGN_KEY;
        }
        return Violation.NONE;
    }

    private static List<SQLException> sqlExceptions(Throwable failure) {
        List<SQLException> found = new ArrayList<>();
        for (Throwable cause = failure; cause != null && found.size() < 16; cause = cause.getCause()) {
            if (cause instanceof SQLException exception) {
                found.add(exception);
                SQLException next = exception.getNextException();
                if (next != null && next != cause.getCause()) {
                    found.add(next);
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return found;
    }
}
