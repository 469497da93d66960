package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Constraint;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.DeleteConstraintRequest;
import io.fliptj.api.DeleteSegmentRequest;
import io.fliptj.api.Segment;
import io.fliptj.api.UpdateConstraintRequest;
import io.fliptj.api.UpdateSegmentRequest;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.SegmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link SegmentStore} on SQL. Thread-safe. */
final class SqlSegmentStore implements SegmentStore {
    static final String SEGMENT_COLUMNS = "namespace_key, segment_key, name, description, match_type, created_at, updated_at";
    static final String CONSTRAINT_COLUMNS = "id, namespace_key, segment_key, comparison_type, property, operator,"
            + " constraint_value, description, created_at, updated_at";

    private final TransactionRunner transactions;
    private final SqlDialect dialect;

    SqlSegmentStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
    }

    static RowMapper<Segment> segmentMapper(SqlDialect dialect) {
        return (resultSet, context) -> Segment.newBuilder()
                .setNamespaceKey(resultSet.getString("namespace_key"))
                .setKey(resultSet.getString("segment_key"))
                .setName(resultSet.getString("name"))
                .setDescription(resultSet.getString("description"))
                .setMatchTypeValue(resultSet.getInt("match_type"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    static RowMapper<Constraint> constraintMapper(SqlDialect dialect) {
        return (resultSet, context) -> Constraint.newBuilder()
                .setId(resultSet.getString("id"))
                .setNamespaceKey(resultSet.getString("namespace_key"))
                .setSegmentKey(resultSet.getString("segment_key"))
                .setTypeValue(resultSet.getInt("comparison_type"))
                .setProperty(resultSet.getString("property"))
                .setOperator(resultSet.getString("operator"))
                .setValue(resultSet.getString("constraint_value"))
                .setDescription(resultSet.getString("description"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    /** Constraints of the given segments, grouped by segment key, each group ordered by creation time. */
    static Map<String, List<Constraint>> constraintsOf(
            Handle handle, SqlDialect dialect, String namespaceKey, Collection<String> segmentKeys) {
        Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(segmentKeys)) {
            handle.createQuery("SELECT " + CONSTRAINT_COLUMNS + " FROM constraints"
                            + " WHERE namespace_key = :namespaceKey AND segment_key IN (<segmentKeys>)"
                            + " ORDER BY created_at, id")
                    .bind("namespaceKey", namespaceKey)
                    .bindList("segmentKeys", chunk)
                    .map(constraintMapper(dialect))
                    .forEach(constraint -> constraints
                            .computeIfAbsent(constraint.getSegmentKey(), key -> new ArrayList<>())
                            .add(constraint));
        }
        return constraints;
    }

    @Override
    public Segment getSegment(String namespaceKey, String key) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.read(handle -> find(handle, namespace, key)
                .orElseThrow(() -> NotFoundException.of("segment", namespace, key)));
    }

    @Override
    public Page<Segment> listSegments(String namespaceKey, PageRequest page) {
        String namespace = Namespaces.orDefault(namespaceKey);
        long offset = PageTokens.startOffset(page);
        return transactions.read(handle -> {
            int total = handle.createQuery("SELECT COUNT(*) FROM segments WHERE namespace_key = :namespaceKey")
                    .bind("namespaceKey", namespace)
                    .mapTo(Integer.class)
                    .one();
            List<Segment> rows = handle.createQuery("SELECT " + SEGMENT_COLUMNS + " FROM segments"
                            + " WHERE namespace_key = :namespaceKey ORDER BY created_at, segment_key"
                            + dialect.limitOffset(Paging.fetchLimit(page), offset))
                    .bind("namespaceKey", namespace)
                    .map(segmentMapper(dialect))
                    .list();
            Map<String, List<Constraint>> constraints =
                    constraintsOf(handle, dialect, namespace, rows.stream().map(Segment::getKey).toList());
            List<Segment> segments = rows.stream()
                    .map(segment -> segment.toBuilder()
                            .addAllConstraints(constraints.getOrDefault(segment.getKey(), List.of()))
                            .build())
                    .toList();
            return Paging.page(segments, page, offset, total, Segment::getKey);
        });
    }

    @Override
    public Segment createSegment(CreateSegmentRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String key = request.getKey();
        ViolationErrors errors = ViolationErrors
                .onUnique(() -> new InvalidArgumentException("segment \"" + namespace + "/" + key + "\" is not unique"))
                .andOnForeignKey(() -> new NotFoundException("namespace " + GoStrings.quote(namespace) + " not found"));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            handle.createUpdate("""
                            INSERT INTO segments (namespace_key, segment_key, name, description, match_type, created_at, updated_at)
                            VALUES (:namespaceKey, :key, :name, :description, :matchType, :now, :now)""")
                    .bind("namespaceKey", namespace)
                    .bind("key", key)
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("matchType", request.getMatchTypeValue())
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.advance(handle, dialect, namespace, now);
            return Segment.newBuilder()
                    .setNamespaceKey(namespace)
                    .setKey(key)
                    .setName(request.getName())
                    .setDescription(request.getDescription())
                    .setMatchTypeValue(request.getMatchTypeValue())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
        });
    }

    @Override
    public Segment updateSegment(UpdateSegmentRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String key = request.getKey();
        return transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE segments SET name = :name, description = :description, match_type = :matchType,
                                                updated_at = :now
                            WHERE namespace_key = :namespaceKey AND segment_key = :key""")
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("matchType", request.getMatchTypeValue())
                    .bind("now", dialect.timestamp(now))
                    .bind("namespaceKey", namespace)
                    .bind("key", key)
                    .execute();
            if (updated != 1) {
                throw NotFoundException.of("segment", namespace, key);
            }
            StateVersions.advance(handle, dialect, namespace, now);
            return find(handle, namespace, key).orElseThrow(() -> NotFoundException.of("segment", namespace, key));
        });
    }

    @Override
    public void deleteSegment(DeleteSegmentRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String key = request.getKey();
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> inUse(namespace, key));
        transactions.writeNamespace(namespace, errors, handle -> {
            int references = handle.createQuery("""
                            SELECT (SELECT COUNT(*) FROM rule_segments
                                    WHERE namespace_key = :namespaceKey AND segment_key = :key)
                                 + (SELECT COUNT(*) FROM rollout_segment_references
                                    WHERE namespace_key = :namespaceKey AND segment_key = :key)""")
                    .bind("namespaceKey", namespace)
                    .bind("key", key)
                    .mapTo(Integer.class)
                    .one();
            if (references > 0) {
                throw inUse(namespace, key);
            }
            int deleted = handle.createUpdate("DELETE FROM segments WHERE namespace_key = :namespaceKey AND segment_key = :key")
                    .bind("namespaceKey", namespace)
                    .bind("key", key)
                    .execute();
            if (deleted > 0) {
                StateVersions.advance(handle, dialect, namespace, transactions.now());
            }
            return null;
        });
    }

    @Override
    public Constraint createConstraint(CreateConstraintRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String segmentKey = request.getSegmentKey();
        String operator = ConstraintValues.operator(request.getOperator());
        String value = ConstraintValues.value(request.getType(), operator, request.getValue());
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> NotFoundException.of("segment", namespace, segmentKey));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            String id = UUID.randomUUID().toString();
            handle.createUpdate("""
                            INSERT INTO constraints (id, namespace_key, segment_key, comparison_type, property, operator,
                                                     constraint_value, description, created_at, updated_at)
                            VALUES (:id, :namespaceKey, :segmentKey, :type, :property, :operator, :value, :description,
                                    :now, :now)""")
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("segmentKey", segmentKey)
                    .bind("type", request.getTypeValue())
                    .bind("property", request.getProperty())
                    .bind("operator", operator)
                    .bind("value", value)
                    .bind("description", request.getDescription())
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.advance(handle, dialect, namespace, now);
            return Constraint.newBuilder()
                    .setId(id)
                    .setNamespaceKey(namespace)
                    .setSegmentKey(segmentKey)
                    .setTypeValue(request.getTypeValue())
                    .setProperty(request.getProperty())
                    .setOperator(operator)
                    .setValue(value)
                    .setDescription(request.getDescription())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
        });
    }

    @Override
    public Constraint updateConstraint(UpdateConstraintRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String operator = ConstraintValues.operator(request.getOperator());
        String value = ConstraintValues.value(request.getType(), operator, request.getValue());
        return transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE constraints SET comparison_type = :type, property = :property, operator = :operator,
                                                   constraint_value = :value, description = :description, updated_at = :now
                            WHERE id = :id AND namespace_key = :namespaceKey AND segment_key = :segmentKey""")
                    .bind("type", request.getTypeValue())
                    .bind("property", request.getProperty())
                    .bind("operator", operator)
                    .bind("value", value)
                    .bind("description", request.getDescription())
                    .bind("now", dialect.timestamp(now))
                    .bind("id", request.getId())
                    .bind("namespaceKey", namespace)
                    .bind("segmentKey", request.getSegmentKey())
                    .execute();
            if (updated != 1) {
                throw new NotFoundException("constraint " + GoStrings.quote(request.getId()) + " not found");
            }
            StateVersions.advance(handle, dialect, namespace, now);
            return handle.createQuery("SELECT " + CONSTRAINT_COLUMNS + " FROM constraints WHERE id = :id")
                    .bind("id", request.getId())
                    .map(constraintMapper(dialect))
                    .one();
        });
    }

    @Override
    public void deleteConstraint(DeleteConstraintRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            int deleted = handle.createUpdate("""
                            DELETE FROM constraints
                            WHERE id = :id AND namespace_key = :namespaceKey AND segment_key = :segmentKey""")
                    .bind("id", request.getId())
                    .bind("namespaceKey", namespace)
                    .bind("segmentKey", request.getSegmentKey())
                    .execute();
            if (deleted > 0) {
                StateVersions.advance(handle, dialect, namespace, transactions.now());
            }
            return null;
        });
    }

    private Optional<Segment> find(Handle handle, String namespaceKey, String key) {
        return handle.createQuery("SELECT " + SEGMENT_COLUMNS + " FROM segments"
                        + " WHERE namespace_key = :namespaceKey AND segment_key = :key")
                .bind("namespaceKey", namespaceKey)
                .bind("key", key)
                .map(segmentMapper(dialect))
                .findOne()
                .map(segment -> segment.toBuilder()
                        .addAllConstraints(constraintsOf(handle, dialect, namespaceKey, List.of(key)).getOrDefault(key, List.of()))
                        .build());
    }

    private static InvalidArgumentException inUse(String namespaceKey, String key) {
        return new InvalidArgumentException("segment \"" + namespaceKey + "/" + key + "\" is in use");
    }
}
