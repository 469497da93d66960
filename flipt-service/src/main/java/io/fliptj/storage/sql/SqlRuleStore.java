package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.DeleteDistributionRequest;
import io.fliptj.api.DeleteRuleRequest;
import io.fliptj.api.Distribution;
import io.fliptj.api.OrderRulesRequest;
import io.fliptj.api.Rule;
import io.fliptj.api.SegmentOperator;
import io.fliptj.api.UpdateDistributionRequest;
import io.fliptj.api.UpdateRuleRequest;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.RuleStore;
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

/** {@link RuleStore} on SQL. Thread-safe. */
final class SqlRuleStore implements RuleStore {
    static final String RULE_COLUMNS = "id, namespace_key, flag_key, rank_number, segment_operator, created_at, updated_at";
    static final String DISTRIBUTION_COLUMNS = "id, rule_id, variant_id, rollout, created_at, updated_at";

    private final TransactionRunner transactions;
    private final SqlDialect dialect;

    SqlRuleStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
    }

    static RowMapper<Rule> ruleMapper(SqlDialect dialect) {
        return (resultSet, context) -> Rule.newBuilder()
                .setId(resultSet.getString("id"))
                .setNamespaceKey(resultSet.getString("namespace_key"))
                .setFlagKey(resultSet.getString("flag_key"))
                .setRank(resultSet.getInt("rank_number"))
                .setSegmentOperatorValue(resultSet.getInt("segment_operator"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    static RowMapper<Distribution> distributionMapper(SqlDialect dialect) {
        return (resultSet, context) -> Distribution.newBuilder()
                .setId(resultSet.getString("id"))
                .setRuleId(resultSet.getString("rule_id"))
                .setVariantId(resultSet.getString("variant_id"))
                .setRollout(resultSet.getFloat("rollout"))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    /** A rule with its segments ({@code segmentKey} when one, else {@code segmentKeys}) and distributions. */
    static Rule assemble(Rule rule, List<String> segmentKeys, List<Distribution> distributions) {
        Rule.Builder builder = rule.toBuilder().addAllDistributions(distributions);
        if (segmentKeys.size() == 1) {
            builder.setSegmentKey(segmentKeys.get(0));
        } else {
            builder.addAllSegmentKeys(segmentKeys);
        }
        return builder.build();
    }

    /** Segment keys of the given rules in their stored order, grouped by rule id. */
    static Map<String, List<String>> segmentKeysOf(Handle handle, Collection<String> ruleIds) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(ruleIds)) {
            handle.createQuery("SELECT rule_id, segment_key FROM rule_segments WHERE rule_id IN (<ruleIds>)"
                            + " ORDER BY rule_id, segment_position")
                    .bindList("ruleIds", chunk)
                    .map((resultSet, context) -> Map.entry(resultSet.getString("rule_id"), resultSet.getString("segment_key")))
                    .forEach(entry -> keys.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        }
        return keys;
    }

    /** Distributions of the given rules ordered by creation time, grouped by rule id. */
    static Map<String, List<Distribution>> distributionsOf(Handle handle, SqlDialect dialect, Collection<String> ruleIds) {
        Map<String, List<Distribution>> distributions = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(ruleIds)) {
            handle.createQuery("SELECT " + DISTRIBUTION_COLUMNS + " FROM distributions WHERE rule_id IN (<ruleIds>)"
                            + " ORDER BY created_at, id")
                    .bindList("ruleIds", chunk)
                    .map(distributionMapper(dialect))
                    .forEach(distribution -> distributions
                            .computeIfAbsent(distribution.getRuleId(), id -> new ArrayList<>())
                            .add(distribution));
        }
        return distributions;
    }

    @Override
    public Rule getRule(String namespaceKey, String id) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.read(handle -> find(handle, namespace, id)
                .orElseThrow(() -> NotFoundException.of("rule", namespace, id)));
    }

    @Override
    public Page<Rule> listRules(String namespaceKey, String flagKey, PageRequest page) {
        String namespace = Namespaces.orDefault(namespaceKey);
        long offset = PageTokens.startOffset(page);
        return transactions.read(handle -> {
            int total = handle.createQuery("SELECT COUNT(*) FROM rules WHERE namespace_key = :namespaceKey AND flag_key = :flagKey")
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .mapTo(Integer.class)
                    .one();
            List<Rule> rows = handle.createQuery("SELECT " + RULE_COLUMNS + " FROM rules"
                            + " WHERE namespace_key = :namespaceKey AND flag_key = :flagKey"
                            + " ORDER BY rank_number, created_at, id"
                            + dialect.limitOffset(Paging.fetchLimit(page), offset))
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .map(ruleMapper(dialect))
                    .list();
            List<String> ids = rows.stream().map(Rule::getId).toList();
            Map<String, List<String>> segmentKeys = segmentKeysOf(handle, ids);
            Map<String, List<Distribution>> distributions = distributionsOf(handle, dialect, ids);
            List<Rule> rules = rows.stream()
                    .map(rule -> assemble(rule,
                            segmentKeys.getOrDefault(rule.getId(), List.of()),
                            distributions.getOrDefault(rule.getId(), List.of())))
                    .toList();
            return Paging.page(rules, page, offset, total, Rule::getId);
        });
    }

    @Override
    public Rule createRule(CreateRuleRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String flagKey = request.getFlagKey();
        List<String> segmentKeys = SegmentKeys.of(request.getSegmentKey(), request.getSegmentKeysList());
        int operator = segmentKeys.size() == 1 ? SegmentOperator.OR_SEGMENT_OPERATOR_VALUE : request.getSegmentOperatorValue();
        String segmentInMessage = SegmentKeys.forMessage(request.getSegmentKey(), segmentKeys);
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> new NotFoundException("flag \"" + namespace + "/"
                + flagKey + "\" or segment \"" + namespace + "/" + segmentInMessage + "\" not found"));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            String id = UUID.randomUUID().toString();
            handle.createUpdate("""
                            INSERT INTO rules (id, namespace_key, flag_key, rank_number, segment_operator, created_at, updated_at)
                            VALUES (:id, :namespaceKey, :flagKey, :rank, :operator, :now, :now)""")
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .bind("rank", request.getRank())
                    .bind("operator", operator)
                    .bind("now", dialect.timestamp(now))
                    .execute();
            insertSegments(handle, id, namespace, segmentKeys);
            StateVersions.advanceFlag(handle, dialect, namespace, flagKey, now);
            Rule rule = Rule.newBuilder()
                    .setId(id)
                    .setNamespaceKey(namespace)
                    .setFlagKey(flagKey)
                    .setRank(request.getRank())
                    .setSegmentOperatorValue(operator)
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
            return assemble(rule, segmentKeys, List.of());
        });
    }

    @Override
    public Rule updateRule(UpdateRuleRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String id = request.getId();
        List<String> segmentKeys = SegmentKeys.of(request.getSegmentKey(), request.getSegmentKeysList());
        int operator = segmentKeys.size() == 1 ? SegmentOperator.OR_SEGMENT_OPERATOR_VALUE : request.getSegmentOperatorValue();
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> NotFoundException.of("rule", namespace, id));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE rules SET segment_operator = :operator, updated_at = :now
                            WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey""")
                    .bind("operator", operator)
                    .bind("now", dialect.timestamp(now))
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", request.getFlagKey())
                    .execute();
            if (updated != 1) {
                throw NotFoundException.of("rule", namespace, id);
            }
            handle.createUpdate("DELETE FROM rule_segments WHERE rule_id = :id").bind("id", id).execute();
            insertSegments(handle, id, namespace, segmentKeys);
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return find(handle, namespace, id).orElseThrow(() -> NotFoundException.of("rule", namespace, id));
        });
    }

    @Override
    public void deleteRule(DeleteRuleRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            if (Ranks.deleteAndRenumber(handle, dialect, Ranks.Table.RULES, namespace, request.getFlagKey(), request.getId(), now)) {
                StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            }
            return null;
        });
    }

    @Override
    public void orderRules(OrderRulesRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            Instant now = transactions.now();
            Ranks.order(handle, dialect, Ranks.Table.RULES, namespace, request.getFlagKey(), request.getRuleIdsList(), now);
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return null;
        });
    }

    @Override
    public Distribution createDistribution(CreateDistributionRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> distributionTargetNotFound(
                request.getVariantId(), request.getRuleId(), request.getFlagKey(), namespace));
        return transactions.writeNamespace(namespace, errors, handle -> {
            requireTargets(handle, namespace, request.getFlagKey(), request.getRuleId(), request.getVariantId());
            Instant now = transactions.now();
            String id = UUID.randomUUID().toString();
            handle.createUpdate("""
                            INSERT INTO distributions (id, rule_id, variant_id, rollout, created_at, updated_at)
                            VALUES (:id, :ruleId, :variantId, :rollout, :now, :now)""")
                    .bind("id", id)
                    .bind("ruleId", request.getRuleId())
                    .bind("variantId", request.getVariantId())
                    .bind("rollout", request.getRollout())
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return Distribution.newBuilder()
                    .setId(id)
                    .setRuleId(request.getRuleId())
                    .setVariantId(request.getVariantId())
                    .setRollout(request.getRollout())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
        });
    }

    @Override
    public Distribution updateDistribution(UpdateDistributionRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> distributionTargetNotFound(
                request.getVariantId(), request.getRuleId(), request.getFlagKey(), namespace));
        return transactions.writeNamespace(namespace, errors, handle -> {
            requireTargets(handle, namespace, request.getFlagKey(), request.getRuleId(), request.getVariantId());
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE distributions SET rollout = :rollout, variant_id = :variantId, updated_at = :now
                            WHERE id = :id AND rule_id = :ruleId""")
                    .bind("rollout", request.getRollout())
                    .bind("variantId", request.getVariantId())
                    .bind("now", dialect.timestamp(now))
                    .bind("id", request.getId())
                    .bind("ruleId", request.getRuleId())
                    .execute();
            if (updated != 1) {
                throw new NotFoundException("distribution " + GoStrings.quote(request.getId()) + " not found");
            }
            StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), now);
            return handle.createQuery("SELECT " + DISTRIBUTION_COLUMNS + " FROM distributions WHERE id = :id")
                    .bind("id", request.getId())
                    .map(distributionMapper(dialect))
                    .one();
        });
    }

    @Override
    public void deleteDistribution(DeleteDistributionRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            int deleted = handle.createUpdate("""
                            DELETE FROM distributions
                            WHERE id = :id AND rule_id = :ruleId AND variant_id = :variantId
                              AND rule_id IN (SELECT id FROM rules WHERE namespace_key = :namespaceKey AND flag_key = :flagKey)""")
                    .bind("id", request.getId())
                    .bind("ruleId", request.getRuleId())
                    .bind("variantId", request.getVariantId())
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", request.getFlagKey())
                    .execute();
            if (deleted > 0) {
                StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), transactions.now());
            }
            return null;
        });
    }

    private void insertSegments(Handle handle, String ruleId, String namespaceKey, List<String> segmentKeys) {
        for (int position = 0; position < segmentKeys.size(); position++) {
            handle.createUpdate("""
                            INSERT INTO rule_segments (rule_id, namespace_key, segment_key, segment_position)
                            VALUES (:ruleId, :namespaceKey, :segmentKey, :position)""")
                    .bind("ruleId", ruleId)
                    .bind("namespaceKey", namespaceKey)
                    .bind("segmentKey", segmentKeys.get(position))
                    .bind("position", position)
                    .execute();
        }
    }

    /** The rule and the variant must both belong to the flag. */
    private static void requireTargets(Handle handle, String namespaceKey, String flagKey, String ruleId, String variantId) {
        int rules = handle.createQuery("SELECT COUNT(*) FROM rules WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey")
                .bind("id", ruleId)
                .bind("namespaceKey", namespaceKey)
                .bind("flagKey", flagKey)
                .mapTo(Integer.class)
                .one();
        int variants = handle.createQuery("SELECT COUNT(*) FROM variants WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey")
                .bind("id", variantId)
                .bind("namespaceKey", namespaceKey)
                .bind("flagKey", flagKey)
                .mapTo(Integer.class)
                .one();
        if (rules == 0 || variants == 0) {
            throw distributionTargetNotFound(variantId, ruleId, flagKey, namespaceKey);
        }
    }

    private Optional<Rule> find(Handle handle, String namespaceKey, String id) {
        return handle.createQuery("SELECT " + RULE_COLUMNS + " FROM rules WHERE id = :id AND namespace_key = :namespaceKey")
                .bind("id", id)
                .bind("namespaceKey", namespaceKey)
                .map(ruleMapper(dialect))
                .findOne()
                .map(rule -> assemble(rule,
                        segmentKeysOf(handle, List.of(id)).getOrDefault(id, List.of()),
                        distributionsOf(handle, dialect, List.of(id)).getOrDefault(id, List.of())));
    }

    private static NotFoundException distributionTargetNotFound(String variantId, String ruleId, String flagKey, String namespaceKey) {
        return new NotFoundException("variant " + GoStrings.quote(variantId) + ", rule " + GoStrings.quote(ruleId)
                + ", flag " + GoStrings.quote(flagKey) + " in namespace " + GoStrings.quote(namespaceKey) + " not found");
    }
}
