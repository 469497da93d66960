package io.fliptj.storage.sql;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Struct;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteVariantRequest;
import io.fliptj.api.Flag;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.UpdateVariantRequest;
import io.fliptj.api.Variant;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.evaluation.GoStrings;
import io.fliptj.storage.FlagStore;
import io.fliptj.storage.Namespaces;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
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

/** {@link FlagStore} on SQL. Thread-safe. */
final class SqlFlagStore implements FlagStore {
    static final String FLAG_COLUMNS =
            "namespace_key, flag_key, flag_type, name, description, enabled, default_variant_id, metadata, created_at, updated_at";
    static final String VARIANT_COLUMNS =
            "id, namespace_key, flag_key, variant_key, name, description, attachment, created_at, updated_at";

    /** A flag row before its variants are attached. */
    record FlagRow(Flag flag, String defaultVariantId, String metadata) {
        /** The full flag; {@code alwaysMetadata} sets an empty Struct when the flag has no metadata. */
        Flag withVariants(List<Variant> variants, boolean alwaysMetadata) {
            Flag.Builder builder = flag.toBuilder().addAllVariants(variants);
            if (defaultVariantId != null) {
                variants.stream().filter(variant -> variant.getId().equals(defaultVariantId)).findFirst()
                        .ifPresent(builder::setDefaultVariant);
            }
            if (metadata != null) {
                builder.setMetadata(JsonText.parseStruct(metadata));
            } else if (alwaysMetadata) {
                builder.setMetadata(Struct.getDefaultInstance());
            }
            return builder.build();
        }
    }

    private final TransactionRunner transactions;
    private final SqlDialect dialect;

    SqlFlagStore(TransactionRunner transactions) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dialect = transactions.dialect();
    }

    static RowMapper<FlagRow> flagMapper(SqlDialect dialect) {
        return (resultSet, context) -> new FlagRow(
                Flag.newBuilder()
                        .setNamespaceKey(resultSet.getString("namespace_key"))
                        .setKey(resultSet.getString("flag_key"))
                        .setTypeValue(resultSet.getInt("flag_type"))
                        .setName(resultSet.getString("name"))
                        .setDescription(resultSet.getString("description"))
                        .setEnabled(resultSet.getBoolean("enabled"))
                        .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                        .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                        .build(),
                resultSet.getString("default_variant_id"),
                resultSet.getString("metadata"));
    }

    static RowMapper<Variant> variantMapper(SqlDialect dialect) {
        return (resultSet, context) -> Variant.newBuilder()
                .setId(resultSet.getString("id"))
                .setNamespaceKey(resultSet.getString("namespace_key"))
                .setFlagKey(resultSet.getString("flag_key"))
                .setKey(resultSet.getString("variant_key"))
                .setName(resultSet.getString("name"))
                .setDescription(resultSet.getString("description"))
                .setAttachment(JsonText.compact(resultSet.getString("attachment")))
                .setCreatedAt(dialect.readTimestamp(resultSet, "created_at"))
                .setUpdatedAt(dialect.readTimestamp(resultSet, "updated_at"))
                .build();
    }

    /** Variants of the given flags, grouped by flag key, each group ordered by creation time. */
    static Map<String, List<Variant>> variantsOf(Handle handle, SqlDialect dialect, String namespaceKey, Collection<String> flagKeys) {
        Map<String, List<Variant>> variants = new LinkedHashMap<>();
        for (List<String> chunk : Chunks.of(flagKeys)) {
            handle.createQuery("SELECT " + VARIANT_COLUMNS + " FROM variants"
                            + " WHERE namespace_key = :namespaceKey AND flag_key IN (<flagKeys>)"
                            + " ORDER BY created_at, id")
                    .bind("namespaceKey", namespaceKey)
                    .bindList("flagKeys", chunk)
                    .map(variantMapper(dialect))
                    .forEach(variant -> variants.computeIfAbsent(variant.getFlagKey(), key -> new ArrayList<>()).add(variant));
        }
        return variants;
    }

    @Override
    public Flag getFlag(String namespaceKey, String key) {
        String namespace = Namespaces.orDefault(namespaceKey);
        return transactions.read(handle -> find(handle, namespace, key)
                .orElseThrow(() -> NotFoundException.of("flag", namespace, key)));
    }

    @Override
    public Page<Flag> listFlags(String namespaceKey, PageRequest page) {
        String namespace = Namespaces.orDefault(namespaceKey);
        long offset = PageTokens.startOffset(page);
        return transactions.read(handle -> {
            int total = handle.createQuery("SELECT COUNT(*) FROM flags WHERE namespace_key = :namespaceKey")
                    .bind("namespaceKey", namespace)
                    .mapTo(Integer.class)
                    .one();
            List<FlagRow> rows = handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flags"
                            + " WHERE namespace_key = :namespaceKey ORDER BY created_at, flag_key"
                            + dialect.limitOffset(Paging.fetchLimit(page), offset))
                    .bind("namespaceKey", namespace)
                    .map(flagMapper(dialect))
                    .list();
            Map<String, List<Variant>> variants =
                    variantsOf(handle, dialect, namespace, rows.stream().map(row -> row.flag().getKey()).toList());
            List<Flag> flags = rows.stream()
                    .map(row -> row.withVariants(variants.getOrDefault(row.flag().getKey(), List.of()), true))
                    .toList();
            return Paging.page(flags, page, offset, total, Flag::getKey);
        });
    }

    @Override
    public Flag createFlag(CreateFlagRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String key = request.getKey();
        ViolationErrors errors = ViolationErrors
                .onUnique(() -> new InvalidArgumentException("flag \"" + namespace + "/" + key + "\" is not unique"))
                .andOnForeignKey(() -> new NotFoundException("namespace " + GoStrings.quote(namespace) + " not found"));
        String metadata = request.hasMetadata() && request.getMetadata().getFieldsCount() > 0
                ? JsonText.print(request.getMetadata())
                : null;
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            handle.createUpdate("""
                            INSERT INTO flags (namespace_key, flag_key, flag_type, name, description, enabled,
                                               metadata, created_at, updated_at)
                            VALUES (:namespaceKey, :key, :type, :name, :description, :enabled, :metadata, :now, :now)""")
                    .bind("namespaceKey", namespace)
                    .bind("key", key)
                    .bind("type", request.getTypeValue())
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("enabled", request.getEnabled())
                    .bind("metadata", metadata)
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.advanceFlag(handle, dialect, namespace, key, now);
            Flag.Builder flag = Flag.newBuilder()
                    .setNamespaceKey(namespace)
                    .setKey(key)
                    .setTypeValue(request.getTypeValue())
                    .setName(request.getName())
                    .setDescription(request.getDescription())
                    .setEnabled(request.getEnabled())
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now));
            if (request.hasMetadata()) {
                flag.setMetadata(request.getMetadata());
            }
            return flag.build();
        });
    }

    @Override
    public Flag updateFlag(UpdateFlagRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String key = request.getKey();
        String defaultVariantId = request.getDefaultVariantId();
        ViolationErrors errors = ViolationErrors.onForeignKey(() -> defaultVariantId.isEmpty()
                ? NotFoundException.of("flag", namespace, key)
                : variantNotFoundForFlag(defaultVariantId, namespace, key));
        return transactions.writeNamespace(namespace, errors, handle -> {
            if (!defaultVariantId.isEmpty()) {
                int matching = handle.createQuery("""
                                SELECT COUNT(*) FROM variants
                                WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey""")
                        .bind("id", defaultVariantId)
                        .bind("namespaceKey", namespace)
                        .bind("flagKey", key)
                        .mapTo(Integer.class)
                        .one();
                if (matching != 1) {
                    throw variantNotFoundForFlag(defaultVariantId, namespace, key);
                }
            }
            Instant now = transactions.now();
            String metadataAssignment = request.hasMetadata() ? ", metadata = :metadata" : "";
            var update = handle.createUpdate("UPDATE flags SET name = :name, description = :description,"
                            + " enabled = :enabled, default_variant_id = :defaultVariantId, updated_at = :now"
                            + metadataAssignment
                            + " WHERE namespace_key = :namespaceKey AND flag_key = :key")
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("enabled", request.getEnabled())
                    .bind("defaultVariantId", defaultVariantId.isEmpty() ? null : defaultVariantId)
                    .bind("now", dialect.timestamp(now))
                    .bind("namespaceKey", namespace)
                    .bind("key", key);
            if (request.hasMetadata()) {
                update.bind("metadata", request.getMetadata().getFieldsCount() > 0 ? JsonText.print(request.getMetadata()) : null);
            }
            if (update.execute() != 1) {
                throw NotFoundException.of("flag", namespace, key);
            }
            StateVersions.advanceFlag(handle, dialect, namespace, key, now);
            return find(handle, namespace, key).orElseThrow(() -> NotFoundException.of("flag", namespace, key));
        });
    }

    @Override
    public void deleteFlag(DeleteFlagRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            handle.createUpdate("""
                            UPDATE flags SET default_variant_id = NULL
                            WHERE namespace_key = :namespaceKey AND flag_key = :key AND default_variant_id IS NOT NULL""")
                    .bind("namespaceKey", namespace)
                    .bind("key", request.getKey())
                    .execute();
            int deleted = handle.createUpdate("DELETE FROM flags WHERE namespace_key = :namespaceKey AND flag_key = :key")
                    .bind("namespaceKey", namespace)
                    .bind("key", request.getKey())
                    .execute();
            if (deleted > 0) {
                StateVersions.advanceFlag(handle, dialect, namespace, request.getKey(), transactions.now());
            }
            return null;
        });
    }

    @Override
    public Variant createVariant(CreateVariantRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String flagKey = request.getFlagKey();
        ViolationErrors errors = ViolationErrors
                .onUnique(() -> variantNotUnique(request.getKey(), namespace, flagKey))
                .andOnForeignKey(() -> NotFoundException.of("flag", namespace, flagKey));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            String id = UUID.randomUUID().toString();
            handle.createUpdate("""
                            INSERT INTO variants (id, namespace_key, flag_key, variant_key, name, description,
                                                  attachment, created_at, updated_at)
                            VALUES (:id, :namespaceKey, :flagKey, :key, :name, :description, :attachment, :now, :now)""")
                    .bind("id", id)
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .bind("key", request.getKey())
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("attachment", request.getAttachment().isEmpty() ? null : request.getAttachment())
                    .bind("now", dialect.timestamp(now))
                    .execute();
            StateVersions.advanceFlag(handle, dialect, namespace, flagKey, now);
            return Variant.newBuilder()
                    .setId(id)
                    .setNamespaceKey(namespace)
                    .setFlagKey(flagKey)
                    .setKey(request.getKey())
                    .setName(request.getName())
                    .setDescription(request.getDescription())
                    .setAttachment(JsonText.compact(request.getAttachment()))
                    .setCreatedAt(MonotonicClock.toTimestamp(now))
                    .setUpdatedAt(MonotonicClock.toTimestamp(now))
                    .build();
        });
    }

    @Override
    public Variant updateVariant(UpdateVariantRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        String flagKey = request.getFlagKey();
        ViolationErrors errors = ViolationErrors.onUnique(() -> variantNotUnique(request.getKey(), namespace, flagKey));
        return transactions.writeNamespace(namespace, errors, handle -> {
            Instant now = transactions.now();
            int updated = handle.createUpdate("""
                            UPDATE variants SET variant_key = :key, name = :name, description = :description,
                                                attachment = :attachment, updated_at = :now
                            WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey""")
                    .bind("key", request.getKey())
                    .bind("name", request.getName())
                    .bind("description", request.getDescription())
                    .bind("attachment", request.getAttachment().isEmpty() ? null : request.getAttachment())
                    .bind("now", dialect.timestamp(now))
                    .bind("id", request.getId())
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", flagKey)
                    .execute();
            if (updated != 1) {
                throw new NotFoundException("variant " + GoStrings.quote(request.getKey()) + " not found");
            }
            StateVersions.advanceFlag(handle, dialect, namespace, flagKey, now);
            return handle.createQuery("SELECT " + VARIANT_COLUMNS + " FROM variants WHERE id = :id")
                    .bind("id", request.getId())
                    .map(variantMapper(dialect))
                    .one();
        });
    }

    @Override
    public void deleteVariant(DeleteVariantRequest request) {
        String namespace = Namespaces.orDefault(request.getNamespaceKey());
        transactions.writeNamespace(namespace, ViolationErrors.none(), handle -> {
            int deleted = handle.createUpdate("""
                            DELETE FROM variants WHERE id = :id AND namespace_key = :namespaceKey AND flag_key = :flagKey""")
                    .bind("id", request.getId())
                    .bind("namespaceKey", namespace)
                    .bind("flagKey", request.getFlagKey())
                    .execute();
            if (deleted > 0) {
                StateVersions.advanceFlag(handle, dialect, namespace, request.getFlagKey(), transactions.now());
            }
            return null;
        });
    }

    private Optional<Flag> find(Handle handle, String namespaceKey, String key) {
        Optional<FlagRow> row = handle.createQuery("SELECT " + FLAG_COLUMNS + " FROM flags"
                        + " WHERE namespace_key = :namespaceKey AND flag_key = :key")
                .bind("namespaceKey", namespaceKey)
                .bind("key", key)
                .map(flagMapper(dialect))
                .findOne();
        return row.map(found -> found.withVariants(
                variantsOf(handle, dialect, namespaceKey, List.of(key)).getOrDefault(key, List.of()), false));
    }

    private static InvalidArgumentException variantNotFoundForFlag(String variantId, String namespaceKey, String flagKey) {
        return new InvalidArgumentException("variant " + GoStrings.quote(variantId) + " not found for flag \""
                + namespaceKey + "/" + flagKey + "\"");
    }

    private static InvalidArgumentException variantNotUnique(String variantKey, String namespaceKey, String flagKey) {
        return new InvalidArgumentException("variant " + GoStrings.quote(variantKey) + " is not unique for flag \""
                + namespaceKey + "/" + flagKey + "\"");
    }
}
