package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.Constraint;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.Namespace;
import io.fliptj.api.Rollout;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.api.Variant;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.EvaluationStore;
import io.fliptj.storage.FlagStates;
import io.fliptj.storage.NamespaceWrite;
import io.fliptj.storage.Namespaces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@link EvaluationStore} on SQL: a namespace is read with one query per table inside one consistent
 * transaction. Thread-safe.
 */
final class SqlEvaluationStore implements EvaluationStore {
    private final TransactionRunner transactions;
    private final SqlDialect dialect;

    SqlEvaluationStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
    }

    @Override
    public Optional<String> namespaceVersion(String namespaceKey) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.read(handle -> StateVersions.read(handle, namespace));
    }

    @Override
    public Optional<EvaluationState> loadEvaluationState(String namespaceKey) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.snapshot(handle -> {
            Optional<String> version = StateVersions.read(handle, namespace);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new EvaluationState(
                    namespace(handle, namespace),
                    version.get(),
                    flags(handle, namespace, FlagFilter.ALL),
                    segments(handle, namespace),
                    rules(handle, namespace, FlagFilter.ALL),
                    rollouts(handle, namespace, FlagFilter.ALL)));
        });
    }

    @Override
    public Optional<NamespaceWrite> lastWriteByCurrentThread(String namespaceKey) {
        return StateVersions.lastCommitted(Namespaces.orDefault(namespaceKey));
    }

    @Override
    public Optional<FlagStates> loadFlags(String namespaceKey, Set<String> flagKeys) {
        String namespace = Namespaces.orDefault(namespaceKey);
        FlagFilter filter = new FlagFilter(List.copyOf(flagKeys));
        return transactions.snapshot(handle -> {
            Optional<String> version = StateVersions.read(handle, namespace);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            if (flagKeys.isEmpty()) {
                return Optional.of(new FlagStates(version.get(), List.of(), Map.of(), Map.of()));
            }
            return Optional.of(new FlagStates(version.get(), flags(handle, namespace, filter), rules(handle, namespace, filter),
                    rollouts(handle, namespace, filter)));
        });
    }

    /** Restricts the per-flag queries to some flags ({@code keys}) or none ({@code keys == null}). */
    private record FlagFilter(List<String> keys) {
        static final FlagFilter ALL = new FlagFilter(null);

        /** A condition on {@code column} to append to a WHERE clause. */
        String condition(String column) {
            return keys == null ? "" : " AND " + column + " IN (<flagKeys>)";
        }

        /** For some flags only: {@code column} holds the id of one of their rules (an index look-up per rule). */
        String ruleCondition(String column) {
            return column + " IN (SELECT id FROM rules WHERE namespace_key = :namespaceKey" + condition("flag_key") + ")";
        }

        <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement) {
            return keys == null ? statement : statement.bindList("flagKeys", keys);
        }
    }

    private Namespace namespace(Handle handle, String namespaceKey) {
        return handle.createQuery("SELECT namespace_key, name, description, protected, created_at, updated_at"
                        + " FROM namespaces WHERE namespace_key = :namespaceKey")
                .bind("namespaceKey", namespaceKey)
                .map((resultSet, context) -> Namespace.newBuilder()
                        .setKey(resultSet.getString("namespace_key"))
                        .setName(resultSet.getString("name"))
                        .setDescription(resultSet.getString("description"))
                        .setProtected(resultSet.getBoolean("protected"))
                        .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                        .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                        .build())
                .one();
    }

    private List<Flag> flags(Handle handle, String namespaceKey, FlagFilter filter) {
        Map<String, List<Variant>> variants = new LinkedHashMap<>();
        filter.bind(handle.createQuery("SELECT " + SqlFlagStore.VARIANT_COLUMNS + " FROM variants"
                        + " WHERE namespace_key = :namespaceKey" + filter.condition("flag_key") + " ORDER BY created_at, id"))
                .bind("namespaceKey", namespaceKey)
                .map(SqlFlagStore.variantMapper(dialect))
                .forEach(variant -> variants.computeIfAbsent(variant.getFlagKey(), key -> new ArrayList<>()).add(variant));
        return filter.bind(handle.createQuery("SELECT " + SqlFlagStore.FLAG_COLUMNS + " FROM flags"
                        + " WHERE namespace_key = :namespaceKey" + filter.condition("flag_key") + " ORDER BY created_at, flag_key"))
                .bind("namespaceKey", namespaceKey)
                .map(SqlFlagStore.flagMapper(dialect))
                .list()
                .stream()
                .map(row -> row.withVariants(variants.getOrDefault(row.flag().getKey(), List.of()), false))
                .toList();
    }

    private List<Segment> segments(Handle handle, String namespaceKey) {
        Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
        handle.createQuery("SELECT " + SqlSegmentStore.CONSTRAINT_COLUMNS + " FROM constraints"
                        + " WHERE namespace_key = :namespaceKey ORDER BY created_at, id")
                .bind("namespaceKey", namespaceKey)
                .map(SqlSegmentStore.constraintMapper(dialect))
                .forEach(constraint -> constraints
                        .computeIfAbsent(constraint.getSegmentKey(), key -> new ArrayList<>())
                        .add(constraint));
        return handle.createQuery("SELECT " + SqlSegmentStore.SEGMENT_COLUMNS + " FROM segments"
                        + " WHERE namespace_key = :namespaceKey ORDER BY created_at, segment_key")
                .bind("namespaceKey", namespaceKey)
                .map(SqlSegmentStore.segmentMapper(dialect))
                .list()
                .stream()
                .map(segment -> segment.toBuilder()
                        .addAllConstraints(constraints.getOrDefault(segment.getKey(), List.of()))
                        .build())
                .toList();
    }

    private Map<String, List<Rule>> rules(Handle handle, String namespaceKey, FlagFilter filter) {
        Map<String, List<String>> segmentKeys = new LinkedHashMap<>();
        filter.bind(handle.createQuery("SELECT rule_id, segment_key FROM rule_segments WHERE "
                        + (filter.keys() == null ? "namespace_key = :namespaceKey" : filter.ruleCondition("rule_id"))
                        + " ORDER BY rule_id, segment_position"))
                .bind("namespaceKey", namespaceKey)
                .map((resultSet, context) -> Map.entry(resultSet.getString("rule_id"), resultSet.getString("segment_key")))
                .forEach(entry -> segmentKeys.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        Map<String, List<Distribution>> distributions = new LinkedHashMap<>();
        filter.bind(handle.createQuery("SELECT d.id, d.rule_id, d.variant_id, d.rollout, d.created_at, d.updated_at"
                        + (filter.keys() == null
                                ? " FROM distributions d JOIN rules r ON r.id = d.rule_id WHERE r.namespace_key = :namespaceKey"
                                : " FROM distributions d WHERE " + filter.ruleCondition("d.rule_id"))
                        + " ORDER BY d.created_at, d.id"))
                .bind("namespaceKey", namespaceKey)
                .map(SqlRuleStore.distributionMapper(dialect))
                .forEach(distribution -> distributions
                        .computeIfAbsent(distribution.getRuleId(), id -> new ArrayList<>())
                        .add(distribution));
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        filter.bind(handle.createQuery("SELECT " + SqlRuleStore.RULE_COLUMNS + " FROM rules"
                        + " WHERE namespace_key = :namespaceKey" + filter.condition("flag_key") + " ORDER BY flag_key, rank_number, created_at, id"))
                .bind("namespaceKey", namespaceKey)
                .map(SqlRuleStore.ruleMapper(dialect))
                .forEach(rule -> rules.computeIfAbsent(rule.getFlagKey(), key -> new ArrayList<>())
                        .add(SqlRuleStore.assemble(rule,
                                segmentKeys.getOrDefault(rule.getId(), List.of()),
                                distributions.getOrDefault(rule.getId(), List.of()))));
        return rules;
    }

    private Map<String, List<Rollout>> rollouts(Handle handle, String namespaceKey, FlagFilter filter) {
        List<Rollout> rows = filter.bind(handle.createQuery("SELECT " + SqlRolloutStore.ROLLOUT_COLUMNS + " FROM rollouts"
                        + " WHERE namespace_key = :namespaceKey" + filter.condition("flag_key") + " ORDER BY flag_key, rank_number, created_at, id"))
                .bind("namespaceKey", namespaceKey)
                .map(SqlRolloutStore.rolloutMapper(dialect))
                .list();
        SqlRolloutStore.Rules rules = filter.keys() == null
                ? SqlRolloutStore.rulesOfNamespace(handle, namespaceKey)
                : SqlRolloutStore.rulesOf(handle, rows.stream().map(Rollout::getId).toList());
        Map<String, List<Rollout>> rollouts = new LinkedHashMap<>();
        rows.forEach(rollout -> rollouts.computeIfAbsent(rollout.getFlagKey(), key -> new ArrayList<>()).add(rules.attach(rollout)));
        return rollouts;
    }
}
