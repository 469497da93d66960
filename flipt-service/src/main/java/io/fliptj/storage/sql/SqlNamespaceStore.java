package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.api.Namespace;
import io.fliptj.api.UpdateNamespaceRequest;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.NamespaceStore;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link NamespaceStore} on SQL. Thread-safe. */
final class SqlNamespaceStore implements NamespaceStore {
    private static final String COLUMNS = "namespace_key, name, description, protected, created_at, updated_at";

    private final TransactionRunner transactions;
    private final SqlDialect dialect;
    private final RowMapper<Namespace> mapper;

    SqlNamespaceStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
        this.mapper = (resultSet, context) -> Namespace.newBuilder()
                .setKey(resultSet.getString("namespace_key"))
                .setName(resultSet.getString("name"))
                .setDescription(resultSet.getString("description"))
                .setProtected(resultSet.getBoolean("protected"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    @Override
    public Namespace getNamespace(String key) {
        String namespaceKey = Namespaces.orDefault(key);
        return transactions.read(handle -> find(handle, namespaceKey)
                .orElseThrow(() -> notFound(namespaceKey)));
    }

    @Override
    public Page<Namespace> listNamespaces(PageRequest page) {
        long offset = PageTokens.startOffset(page);
        return transactions.read(handle -> {
            int total = handle.createQuery("SELECT COUNT(*) FROM namespaces").mapTo(Integer.class).one();
            List<Namespace> fetched = handle.createQuery("SELECT " + COLUMNS
                            + " FROM namespaces ORDER BY created_at, namespace_key"
                            + dialect.limitOffset(Paging.fetchLimit(page), offset))
                    .map(mapper)
                    .list();
            return Paging.page(fetched, page, offset, total, Namespace::getKey);
        });
    }

    @Override
    public Namespace createNamespace(CreateNamespaceRequest request) {
        String key = request.getKey();
        ViolationErrors errors = ViolationErrors.onUnique(
                () -> new InvalidArgumentException("namespace " + GoStrings.quote(key) + " is not unique"));
        return transactions.write(errors, handle -> {
            Instant now = transactions.now();
            handle.createUpdate("""
                            INSERT INTO namespaces (namespace_key, name, description, protected, state_version,
                                                    state_modified_at, created_at, updated_at)
                            VALUES (:key, :name, :description, :protected, :version, :now, :now, :now)""")
                    .bind("key", key)
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("protected", false)
                    .bind("version", MonotonicClock.toEpochMicros(now))
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.announce(handle, dialect, key);
            return Namespace.newBuilder()
                    .setKey(key)
                    .setName(request.getName())
                    .setDescription(request.getDescription())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
        });
    }

    @Override
    public Namespace updateNamespace(UpdateNamespaceRequest request) {
        String key = Namespaces.orDefault(request.getKey());
        return transactions.writeNamespace(key, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE namespaces SET name = :name, description = :description, updated_at = :now
                            WHERE namespace_key = :key""")
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("now", dialect.timestamp(now))
                    .bind("key", key)
                    .execute();
            if (updated != 1) {
                throw notFound(key);
            }
            StateVersions.advance(handle, dialect, key, now);
            return find(handle, key).orElseThrow(() -> notFound(key));
        });
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest request) {
        String key = Namespaces.orDefault(request.getKey());
        transactions.writeNamespace(key, ViolationErrors.none(), handle -> {
            Namespace namespace = find(handle, key).orElseThrow(() -> notFound(key));
            if (!request.getForce()) {
                if (namespace.getProtected()) {
                    throw new InvalidArgumentException("namespace " + GoStrings.quote(key) + " is protected");
                }
                int flags = handle.createQuery("SELECT COUNT(*) FROM flags WHERE namespace_key = :key")
                        .bind("key", key)
                        .mapTo(Integer.class)
                        .one();
                if (flags > 0) {
                    throw new InvalidArgumentException("namespace " + GoStrings.quote(key)
                            + " cannot be deleted; flags must be deleted first");
                }
            }
            deleteContents(handle, key);
            handle.createUpdate("DELETE FROM namespaces WHERE namespace_key = :key").bind("key", key).execute();
            StateVersions.announce(handle, dialect, key);
            return null;
        });
    }

    /**
     * Deletes everything in a namespace, children before the segments they reference (segment references
     * are RESTRICT), so that no dialect's cascade order matters.
     */
    private static void deleteContents(Handle handle, String key) {
        handle.createUpdate("UPDATE flags SET default_variant_id = NULL WHERE namespace_key = :key AND default_variant_id IS NOT NULL")
                .bind("key", key)
                .execute();
        for (String table : List.of("rules", "rollouts", "flags", "segments")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE namespace_key = :key").bind("key", key).execute();
        }
    }

    private Optional<Namespace> find(Handle handle, String key) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM namespaces WHERE namespace_key = :key")
                .bind("key", key)
                .map(mapper)
                .findOne();
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException("namespace " + GoStrings.quote(key) + " not found");
    }
}
