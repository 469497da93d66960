package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.DeleteRolloutRequest;
import io.fliptj.api.OrderRolloutsRequest;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.RolloutThreshold;
import io.fliptj.api.RolloutType;
import io.fliptj.api.SegmentOperator;
import io.fliptj.api.UpdateRolloutRequest;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.errors.ValidationException;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.RolloutStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** {@link RolloutStore} on SQL. Thread-safe. */
final class SqlRolloutStore implements RolloutStore {
    static final String ROLLOUT_COLUMNS =
            "id, namespace_key, flag_key, rollout_type, rank_number, description, created_at, updated_at";
    private static final String THRESHOLD_SELECT =
            "SELECT t.rollout_id, t.percentage, t.threshold_value FROM rollout_thresholds t";
    private static final String SEGMENT_SELECT = "SELECT s.rollout_id, s.segment_value, s.segment_operator, r.segment_key"
            + " FROM rollout_segments s LEFT JOIN rollout_segment_references r ON r.rollout_segment_id = s.id";

    /** The rule parts of the rollouts read, by rollout id. */
    record Rules(Map<String, RolloutThreshold> thresholds, Map<String, RolloutSegment> segments) {
        Rollout attach(Rollout rollout) {
            Rollout.Builder builder = rollout.toBuilder();
            RolloutThreshold threshold = thresholds.get(rollout.getId());
            RolloutSegment segment = segments.get(rollout.getId());
            if (threshold != null) {
                builder.setThreshold(threshold);
            } else if (segment != null) {
                builder.setSegment(segment);
            }
            return builder.build();
        }
    }

    private final TransactionRunner transactions;
    private final SqlDialect dialect;

    SqlRolloutStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
    }

    static RowMapper<Rollout> rolloutMapper(SqlDialect dialect) {
        return (resultSet, context) -> Rollout.newBuilder()
                .setId(resultSet.getString("id"))
                .setNamespaceKey(resultSet.getString("namespace_key"))
                .setFlagKey(resultSet.getString("flag_key"))
                .setTypeValue(resultSet.getInt("rollout_type"))
                .setRank(resultSet.getInt("rank_number"))
                .setDescription(resultSet.getString("description"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    /** The rule parts of the given rollouts. */
    static Rules rulesOf(Handle handle, Collection<String> rolloutIds) {
        Map<String, RolloutThreshold> thresholds = new LinkedHashMap<>();
        Map<String, SegmentParts> segments = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(rolloutIds)) {
            readThresholds(handle.createQuery(THRESHOLD_SELECT + " WHERE t.rollout_id IN (<ids>)").bindList("ids", chunk), thresholds);
            readSegments(handle.createQuery(SEGMENT_SELECT + " WHERE s.rollout_id IN (<ids>)"
                    + " ORDER BY s.rollout_id, r.segment_position").bindList("ids", chunk), segments);
        }
        return new Rules(thresholds, build(segments));
    }

    /** The rule parts of every rollout of a namespace. */
    static Rules rulesOfNamespace(Handle handle, String namespaceKey) {
        Map<String, RolloutThreshold> thresholds = new LinkedHashMap<>();
        Map<String, SegmentParts> segments = new LinkedHashMap<>();
        readThresholds(handle.createQuery(THRESHOLD_SELECT + " JOIN rollouts o ON o.id = t.rollout_id"
                + " WHERE o.namespace_key = :namespaceKey").bind("namespaceKey", namespaceKey), thresholds);
        readSegments(handle.createQuery(SEGMENT_SELECT + " JOIN rollouts o ON o.id = s.rollout_id"
                + " WHERE o.namespace_key = :namespaceKey ORDER BY s.rollout_id, r.segment_position")
                .bind("namespaceKey", namespaceKey), segments);
        return new Rules(thresholds, build(segments));
    }

    @Override
    public Rollout getRollout(String namespaceKey, String id) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.read(handle -> find(handle, namespace, id)
                .orElseThrow(() -> NotFoundException.of("rollout", namespace, id)));
    }

    @Override
    public Page<Rollout> listRollouts(String namespaceKey, String flagKey, PageRequest page) {
        String namespace = Namespaces.orDefault(namespaceKey);
        long offset = PageTokens.startOffset(page);
        return transactions.read(handle -> {
            int total = handle.createQuery("SELECT COUNT(*) FROM rollouts WHERE namespace_key = :namespaceKey AND flag_key = :flagKey")
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .mapTo(Integer.class)
                    .one();
            List<Rollout> rows = handle.createQuery("SELECT " + ROLLOUT_COLUMNS + " FROM rollouts"
                            + " WHERE namespace_key = :namespaceKey AND flag_key = :flagKey"
                            + " ORDER BY rank_number, created_at, id"
                            + dialect.limitOffset(Paging.fetchLimit(page), offset))
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .map(rolloutMapper(dialect))
                    .list();
            Rules rules = rulesOf(handle, rows.stream().map(Rollout::getId).toList());
            return Paging.page(rows.stream().map(rules::attach).toList(), page, offset, total, Rollout::getId);
        });
    }

    @Override
    public Rollout createRollout(CreateRolloutRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String flagKey = request.getFlagKey();
        List<String> segmentKeys = request.hasSegment()
                ? SegmentKeys.of(request.getSegment().getSegmentKey(), request.getSegment().getSegmentKeysList())
                : List.of();
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> request.hasSegment()
                ? new NotFoundException("flag \"" + namespace + "/" + flagKey + " or segment "
                        + SegmentKeys.forMessage(request.getSegment().getSegmentKey(), segmentKeys) + "\" not found")
                : NotFoundException.of("flag", namespace, flagKey));
        return transactions.writeNamespace(namespace, errors, handle -> {
            int sameRank = handle.createQuery("""
                            SELECT COUNT(*) FROM rollouts
                            WHERE namespace_key = :namespaceKey AND flag_key = :flagKey AND rank_number = :rank""")
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .bind("rank", request.getRank())
                    .mapTo(Integer.class)
                    .one();
            if (sameRank > 0) {
                throw new InvalidArgumentException("rank number: " + request.getRank() + " already exists");
            }
            RolloutType type = switch (request.getRuleCase()) {
                case SEGMENT -> RolloutType.SEGMENT_ROLLOUT_TYPE;
                case THRESHOLD -> RolloutType.THRESHOLD_ROLLOUT_TYPE;
                case RULE_NOT_SET -> throw new InvalidArgumentException("rollout rule is missing");
            };
            Instant now = transactions.now();
            String id = UUID.randomUUID().toString();
            handle.createUpdate("""
                            INSERT INTO rollouts (id, namespace_key, flag_key, rollout_type, rank_number, description,
                                                  created_at, updated_at)
                            VALUES (:id, :namespaceKey, :flagKey, :type, :rank, :description, :now, :now)""")
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .bind("type", type.getNumber())
                    .bind("rank", request.getRank())
                    .bind("description", request.getDescription())
                    .bind("now", dialect.timestamp(now))
                    .execute();
            Rollout.Builder rollout = Rollout.newBuilder()
                    .setId(id)
                    .setNamespaceKey(namespace)
                    .setFlagKey(flagKey)
                    .setType(type)
                    .setRank(request.getRank())
                    .setDescription(request.getDescription())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now));
            switch (type) {
                case SEGMENT_ROLLOUT_TYPE -> {
                    int operator = operator(request.getSegment(), segmentKeys);
                    String segmentId = UUID.randomUUID().toString();
                    handle.createUpdate("""
                                    INSERT INTO rollout_segments (id, rollout_id, segment_value, segment_operator)
                                    VALUES (:id, :rolloutId, :value, :operator)""")
                            .bind("id", segmentId)
                            .bind("rolloutId", id)
                            .bind("value", request.getSegment().getValue())
                            .bind("operator", operator)
                            .execute();
                    insertReferences(handle, segmentId, namespace, segmentKeys);
                    rollout.setSegment(segment(request.getSegment().getValue(), operator, segmentKeys));
                }
                case THRESHOLD_ROLLOUT_TYPE -> {
                    handle.createUpdate("""
                                    INSERT INTO rollout_thresholds (id, rollout_id, namespace_key, percentage, threshold_value)
                                    VALUES (:id, :rolloutId, :namespaceKey, :percentage, :value)""")
                            .bind("id", UUID.randomUUID().toString())
                            .bind("rolloutId", id)
                            .bind("namespaceKey", namespace)
                            .bind("percentage", request.getThreshold().getPercentage())
                            .bind("value", request.getThreshold().getValue())
                            .execute();
                    rollout.setThreshold(request.getThreshold());
                }
                case UNKNOWN_ROLLOUT_TYPE, UNRECOGNIZED -> throw new IllegalStateException("unexpected rollout type " + type);
            }
            StateVersions.advanceFlag(handle, dialect, namespace, flagKey, now);
            return rollout.build();
        });
    }

    @Override
    public Rollout updateRollout(UpdateRolloutRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String id = request.getId();
        return transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Rollout current = handle.createQuery("SELECT " + ROLLOUT_COLUMNS + " FROM rollouts WHERE id = :id AND namespace_key = :namespaceKey")
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .map(rolloutMapper(dialect))
                    .findOne()
                    .orElseThrow(() -> NotFoundException.of("rollout", namespace, id));
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE rollouts SET description = :description, updated_at = :now
                            WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey""")
                    .bind("description", request.getDescription())
                    .bind("now", dialect.timestamp(now))
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", request.getFlagKey())
                    .execute();
            if (updated != 1) {
                throw NotFoundException.of("rollout", namespace, id);
            }
            switch (request.getRuleCase()) {
                case SEGMENT -> {
                    requireType(current, RolloutType.SEGMENT_ROLLOUT_TYPE);
                    List<String> segmentKeys =
                            SegmentKeys.of(request.getSegment().getSegmentKey(), request.getSegment().getSegmentKeysList());
                    requireSegments(handle, namespace, segmentKeys);
                    handle.createUpdate("""
                                    UPDATE rollout_segments SET segment_operator = :operator, segment_value = :value
                                    WHERE rollout_id = :rolloutId""")
                            .bind("operator", operator(request.getSegment(), segmentKeys))
                            .bind("value", request.getSegment().getValue())
                            .bind("rolloutId", id)
                            .execute();
                    String segmentId = handle.createQuery("SELECT id FROM rollout_segments WHERE rollout_id = :rolloutId")
                            .bind("rolloutId", id)
                            .mapTo(String.class)
                            .one();
                    handle.createUpdate("DELETE FROM rollout_segment_references WHERE rollout_segment_id = :segmentId")
                            .bind("segmentId", segmentId)
                            .execute();
                    insertReferences(handle, segmentId, namespace, segmentKeys);
                }
                case THRESHOLD -> {
                    requireType(current, RolloutType.THRESHOLD_ROLLOUT_TYPE);
                    handle.createUpdate("""
                                    UPDATE rollout_thresholds SET percentage = :percentage, threshold_value = :value
                                    WHERE rollout_id = :rolloutId""")
                            .bind("percentage", request.getThreshold().getPercentage())
                            .bind("value", request.getThreshold().getValue())
                            .bind("rolloutId", id)
                            .execute();
                }
                case RULE_NOT_SET -> throw new ValidationException("rule", "invalid rollout rule type");
            }
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return find(handle, namespace, id).orElseThrow(() -> NotFoundException.of("rollout", namespace, id));
        });
    }

    @Override
    public void deleteRollout(DeleteRolloutRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            if (Ranks.deleteAndRenumber(handle, dialect, Ranks.Table.ROLLOUTS, namespace, request.getFlagKey(), request.getId(), now)) {
                StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            }
            return null;
        });
    }

    @Override
    public void orderRollouts(OrderRolloutsRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            Ranks.order(handle, dialect, Ranks.Table.ROLLOUTS, namespace, request.getFlagKey(), request.getRolloutIdsList(), now);
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return null;
        });
    }

    private Optional<Rollout> find(Handle handle, String namespaceKey, String id) {
        return handle.createQuery("SELECT " + ROLLOUT_COLUMNS + " FROM rollouts WHERE id = :id AND namespace_key = :namespaceKey")
                .bind("id", id)
                .bind("namespaceKey", namespaceKey)
                .map(rolloutMapper(dialect))
                .findOne()
                .map(rollout -> rulesOf(handle, List.of(id)).attach(rollout));
    }

    private static int operator(RolloutSegment segment, List<String> segmentKeys) {
        return segmentKeys.size() == 1 ? SegmentOperator.OR_SEGMENT_OPERATOR_VALUE : segment.getSegmentOperatorValue();
    }

    private static RolloutSegment segment(boolean value, int operator, List<String> segmentKeys) {
        RolloutSegment.Builder segment = RolloutSegment.newBuilder().setValue(value).setSegmentOperatorValue(operator);
        if (segmentKeys.size() == 1) {
            segment.setSegmentKey(segmentKeys.get(0));
        } else {
            segment.addAllSegmentKeys(segmentKeys);
        }
        return segment.build();
    }

    private static void requireType(Rollout current, RolloutType attempted) {
        if (current.getType() != attempted) {
            throw new InvalidArgumentException("cannot change type of rollout: have \"" + current.getType()
                    + "\" attempted \"" + attempted + "\"");
        }
    }

    private static void requireSegments(Handle handle, String namespaceKey, List<String> segmentKeys) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : Chunks.of(segmentKeys)) {
            found.addAll(handle.createQuery("SELECT segment_key FROM segments"
                            + " WHERE namespace_key = :namespaceKey AND segment_key IN (<keys>)")
                    .bind("namespaceKey", namespaceKey)
                    .bindList("keys", chunk)
                    .mapTo(String.class)
                    .list());
        }
        for (String key : segmentKeys) {
            if (!found.contains(key)) {
                throw NotFoundException.of("segment", namespaceKey, key);
            }
        }
    }

    private static void insertReferences(Handle handle, String segmentId, String namespaceKey, List<String> segmentKeys) {
        for (int position = 0; position < segmentKeys.size(); position++) {
            handle.createUpdate("""
                            INSERT INTO rollout_segment_references (rollout_segment_id, namespace_key, segment_key, segment_position)
                            VALUES (:segmentId, :namespaceKey, :segmentKey, :position)""")
                    .bind("segmentId", segmentId)
                    .bind("namespaceKey", namespaceKey)
                    .bind("segmentKey", segmentKeys.get(position))
                    .bind("position", position)
                    .execute();
        }
    }

    private static void readThresholds(Query query, Map<String, RolloutThreshold> thresholds) {
        query.map((resultSet, context) -> Map.entry(resultSet.getString("rollout_id"), RolloutThreshold.newBuilder()
                        .setPercentage(resultSet.getFloat("percentage"))
                        .setValue(resultSet.getBoolean("threshold_value"))
                        .build()))
                .forEach(entry -> thresholds.put(entry.getKey(), entry.getValue()));
    }

    private static void readSegments(Query query, Map<String, SegmentParts> segments) {
        query.map((resultSet, context) -> new SegmentRow(
                        resultSet.getString("rollout_id"),
                        resultSet.getBoolean("segment_value"),
                        resultSet.getInt("segment_operator"),
                        resultSet.getString("segment_key")))
                .forEach(row -> {
                    SegmentParts parts = segments.computeIfAbsent(row.rolloutId(),
                            id -> new SegmentParts(row.value(), row.operator(), new ArrayList<>()));
                    if (row.segmentKey() != null) {
                        parts.segmentKeys().add(row.segmentKey());
                    }
                });
    }

    private static Map<String, RolloutSegment> build(Map<String, SegmentParts> parts) {
        Map<String, RolloutSegment> segments = new LinkedHashMap<>();
        parts.forEach((id, part) -> segments.put(id, segment(part.value(), part.operator(), part.segmentKeys())));
        return segments;
    }

    private record SegmentRow(String rolloutId, boolean value, int operator, String segmentKey) {
    }

    private record SegmentParts(boolean value, int operator, List<String> segmentKeys) {
    }
}
