package io.fliptj.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.api.ComparisonType;
import io.fliptj.api.Constraint;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.DeleteConstraintRequest;
import io.fliptj.api.DeleteDistributionRequest;
import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.api.DeleteRolloutRequest;
import io.fliptj.api.DeleteRuleRequest;
import io.fliptj.api.DeleteSegmentRequest;
import io.fliptj.api.DeleteVariantRequest;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.FlagType;
import io.fliptj.api.MatchType;
import io.fliptj.api.Namespace;
import io.fliptj.api.OrderRolloutsRequest;
import io.fliptj.api.OrderRulesRequest;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutSegment;
import io.fliptj.api.RolloutThreshold;
import io.fliptj.api.RolloutType;
import io.fliptj.api.Rule;
import io.fliptj.api.Segment;
import io.fliptj.api.SegmentOperator;
import io.fliptj.api.UpdateConstraintRequest;
import io.fliptj.api.UpdateDistributionRequest;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.UpdateNamespaceRequest;
import io.fliptj.api.UpdateRolloutRequest;
import io.fliptj.api.UpdateRuleRequest;
import io.fliptj.api.UpdateSegmentRequest;
import io.fliptj.api.UpdateVariantRequest;
import io.fliptj.api.Variant;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.core.errors.NotFoundException;
import io.fliptj.core.errors.ValidationException;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.Page;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.Stores;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every SQL backend must show, run against one fresh database per subclass. Data is reset to
 * the migrated state (only the {@code default} namespace) before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    private static final String DEFAULT = "default";

    static {
        TestLogging.quiet();
    }

    private ManagedDataSource dataSource;
    private Jdbi jdbi;
    private Stores stores;

    /** The dialect under test. */
    protected abstract Dialect dialect();

    /** Creates an empty database and describes how to reach it. */
    protected abstract DataSourceFactory createDatabase() throws Exception;

    /** Removes the database created by {@link #createDatabase()}. */
    protected abstract void dropDatabase() throws Exception;

    @BeforeAll
    void createStores() throws Exception {
        DataSourceFactory factory = createDatabase();
        dataSource = factory.build(new MetricRegistry(), "store-contract");
        Migrations.migrate(dataSource);
        Migrations.migrate(dataSource);
        jdbi = Jdbi.create(dataSource);
        stores = SqlStores.create(jdbi, dialect());
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (dataSource != null) {
            dataSource.stop();
            dropDatabase();
        }
    }

    @BeforeEach
    void resetData() {
        jdbi.useTransaction(handle -> {
            for (String table : List.of("rule_segments", "rollout_segment_references", "distributions",
                    "rollout_thresholds", "rollout_segments", "rollouts", "rules", "constraints", "segments")) {
                handle.execute("DELETE FROM " + table);
            }
            handle.execute("UPDATE flags SET default_variant_id = NULL");
            handle.execute("DELETE FROM variants");
            handle.execute("DELETE FROM flags");
            handle.execute("DELETE FROM namespaces WHERE namespace_key <> 'default'");
        });
        if (stores.evaluation().namespaceVersion(DEFAULT).isEmpty()) {
            stores.namespaces().createNamespace(CreateNamespaceRequest.newBuilder()
                    .setKey(DEFAULT).setName("Default").setDescription("Default namespace").build());
            jdbi.useHandle(handle -> handle.execute("UPDATE namespaces SET protected = TRUE WHERE namespace_key = 'default'"));
        }
    }

    // ---------------------------------------------------------------- namespaces

    @Test
    void defaultNamespaceIsSeededAndProtected() {
        Namespace namespace = stores.namespaces().getNamespace(DEFAULT);
        assertThat(namespace.getName()).isEqualTo("Default");
        assertThat(namespace.getDescription()).isEqualTo("Default namespace");
        assertThat(namespace.getProtected()).isTrue();
        assertThat(namespace.hasCreatedAt()).isTrue();
        assertThat(stores.namespaces().getNamespace("")).isEqualTo(namespace);
    }

    @Test
    void createsGetsAndUpdatesNamespaces() {
        Namespace created = createNamespace("team");
        assertThat(created.getKey()).isEqualTo("team");
        assertThat(created.getProtected()).isFalse();
        assertThat(created.getCreatedAt()).isEqualTo(created.getUpdatedAt());
        assertThat(created.getCreatedAt().getNanos() % 1000).isZero();
        assertThat(stores.namespaces().getNamespace("team")).isEqualTo(created);

        Namespace updated = stores.namespaces().updateNamespace(UpdateNamespaceRequest.newBuilder()
                .setKey("team").setName("Team").setDescription("changed").build());
        assertThat(updated.getName()).isEqualTo("Team");
        assertThat(updated.getDescription()).isEqualTo("changed");
        assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());
        assertThat(timestampMicros(updated.getUpdatedAt())).isGreaterThan(timestampMicros(created.getUpdatedAt()));
        assertThat(stores.namespaces().getNamespace("team")).isEqualTo(updated);
    }

    @Test
    void namespaceErrors() {
        createNamespace("team");
        assertThatThrownBy(() -> createNamespace("team"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("namespace \"team\" is not unique");
        assertThatThrownBy(() -> stores.namespaces().getNamespace("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("namespace \"nope\" not found");
        assertThatThrownBy(() -> stores.namespaces().updateNamespace(UpdateNamespaceRequest.newBuilder()
                        .setKey("nope").setName("x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("namespace \"nope\" not found");
    }

    @Test
    void listsNamespacesInCreationOrderWithPageTokens() {
        createNamespace("c");
        createNamespace("a");
        createNamespace("b");

        Page<Namespace> all = stores.namespaces().listNamespaces(PageRequest.all());
        assertThat(all.items()).extracting(Namespace::getKey).containsExactly(DEFAULT, "c", "a", "b");
        assertThat(all.totalCount()).isEqualTo(4);
        assertThat(all.nextPageToken()).isEmpty();

        Page<Namespace> first = stores.namespaces().listNamespaces(new PageRequest(3, 0, ""));
        assertThat(first.items()).extracting(Namespace::getKey).containsExactly(DEFAULT, "c", "a");
        assertThat(first.totalCount()).isEqualTo(4);
        assertThat(decode(first.nextPageToken())).isEqualTo("{\"key\":\"b\",\"offset\":3}");

        Page<Namespace> second = stores.namespaces().listNamespaces(new PageRequest(3, 0, first.nextPageToken()));
        assertThat(second.items()).extracting(Namespace::getKey).containsExactly("b");
        assertThat(second.nextPageToken()).isEmpty();
        assertThat(second.totalCount()).isEqualTo(4);

        Page<Namespace> byOffset = stores.namespaces().listNamespaces(new PageRequest(2, 1, ""));
        assertThat(byOffset.items()).extracting(Namespace::getKey).containsExactly("c", "a");
        assertThat(decode(byOffset.nextPageToken())).isEqualTo("{\"key\":\"b\",\"offset\":3}");

        Page<Namespace> offsetOnly = stores.namespaces().listNamespaces(new PageRequest(0, 2, ""));
        assertThat(offsetOnly.items()).extracting(Namespace::getKey).containsExactly("a", "b");
    }

    @Test
    void rejectsInvalidPageTokens() {
        for (String token : List.of("bad", "%%%", Base64.getEncoder().encodeToString("[1]".getBytes()),
                Base64.getEncoder().encodeToString("{\"offset\":\"2\"}".getBytes()))) {
            assertThatThrownBy(() -> stores.flags().listFlags(DEFAULT, new PageRequest(2, 0, token)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("pageToken is not valid: \"" + token + "\"");
        }
        String minimal = Base64.getEncoder().encodeToString("{}".getBytes());
        assertThat(stores.flags().listFlags(DEFAULT, new PageRequest(2, 0, minimal)).items()).isEmpty();
    }

    @Test
    void deleteNamespaceGuardsAndForce() {
        assertThatThrownBy(() -> deleteNamespace(DEFAULT, false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("namespace \"default\" is protected");
        assertThatThrownBy(() -> deleteNamespace("nope", true))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("namespace \"nope\" not found");

        createNamespace("empty");
        createSegment("empty", "lonely");
        deleteNamespace("empty", false);
        assertThatThrownBy(() -> stores.namespaces().getNamespace("empty")).isInstanceOf(NotFoundException.class);

        createNamespace("team");
        createFlag("team", "flag", FlagType.VARIANT_FLAG_TYPE);
        assertThatThrownBy(() -> deleteNamespace("team", false))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("namespace \"team\" cannot be deleted; flags must be deleted first");
        assertThat(stores.flags().getFlag("team", "flag")).isNotNull();

        Variant variant = createVariant("team", "flag", "on");
        setDefaultVariant("team", "flag", variant.getId());
        createSegment("team", "users");
        createConstraint("team", "users", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x");
        Rule rule = createRule("team", "flag", 1, "users");
        createDistribution("team", "flag", rule.getId(), variant.getId(), 100);
        createFlag("team", "switch", FlagType.BOOLEAN_FLAG_TYPE);
        createSegmentRollout("team", "switch", 1, true, "users");
        createThresholdRollout("team", "switch", 2, 50, true);

        deleteNamespace("team", true);
        assertThatThrownBy(() -> stores.namespaces().getNamespace("team")).isInstanceOf(NotFoundException.class);
        assertThat(stores.flags().listFlags("team", PageRequest.all()).items()).isEmpty();
        assertThat(stores.segments().listSegments("team", PageRequest.all()).items()).isEmpty();
        assertThat(countRows("variants") + countRows("rules") + countRows("distributions") + countRows("rollouts")
                + countRows("rule_segments") + countRows("rollout_segment_references") + countRows("constraints"))
                .isZero();

        deleteNamespace(DEFAULT, true);
        assertThat(stores.evaluation().namespaceVersion(DEFAULT)).isEmpty();
    }

    // ---------------------------------------------------------------- flags and variants

    @Test
    void createsAndGetsFlags() {
        Struct metadata = Struct.newBuilder()
                .putFields("team", Value.newBuilder().setStringValue("growth").build())
                .putFields("weight", Value.newBuilder().setNumberValue(2.5).build())
                .build();
        Flag created = stores.flags().createFlag(CreateFlagRequest.newBuilder()
                .setKey("switch").setName("Switch").setDescription("a switch").setEnabled(true)
                .setType(FlagType.BOOLEAN_FLAG_TYPE).setMetadata(metadata).build());
        assertThat(created.getNamespaceKey()).isEqualTo(DEFAULT);
        assertThat(created.getType()).isEqualTo(FlagType.BOOLEAN_FLAG_TYPE);
        assertThat(created.getMetadata()).isEqualTo(metadata);
        assertThat(created.getVariantsList()).isEmpty();
        assertThat(created.hasDefaultVariant()).isFalse();

        Flag fetched = stores.flags().getFlag(DEFAULT, "switch");
        assertThat(fetched).isEqualTo(created);

        Flag plain = createFlag(DEFAULT, "plain", FlagType.VARIANT_FLAG_TYPE);
        assertThat(plain.hasMetadata()).isFalse();
        assertThat(stores.flags().getFlag("", "plain").hasMetadata()).isFalse();
        Flag listed = stores.flags().listFlags(DEFAULT, PageRequest.all()).items().get(1);
        assertThat(listed.getKey()).isEqualTo("plain");
        assertThat(listed.hasMetadata()).isTrue();
        assertThat(listed.getMetadata().getFieldsCount()).isZero();
    }

    @Test
    void flagErrors() {
        createFlag(DEFAULT, "foo", FlagType.VARIANT_FLAG_TYPE);
        assertThatThrownBy(() -> createFlag(DEFAULT, "foo", FlagType.VARIANT_FLAG_TYPE))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("flag \"default/foo\" is not unique");
        assertThatThrownBy(() -> createFlag("nope", "foo", FlagType.VARIANT_FLAG_TYPE))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("namespace \"nope\" not found");
        assertThatThrownBy(() -> stores.flags().getFlag(DEFAULT, "nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/nope\" not found");
        // keys in messages are quoted as Go's %q quotes them: control characters escaped, printable Unicode kept
        assertThatThrownBy(() -> stores.flags().getFlag(DEFAULT, "a\"b\u0007\u0085é"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/a\\\"b\\a\\u0085é\" not found");
        assertThatThrownBy(() -> stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setKey("nope").setName("x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/nope\" not found");
        createNamespace("other");
        createFlag("other", "foo", FlagType.VARIANT_FLAG_TYPE);
        assertThat(stores.flags().getFlag("other", "foo").getNamespaceKey()).isEqualTo("other");
    }

    @Test
    void flagKeysAreCaseSensitive() {
        createFlag(DEFAULT, "foo", FlagType.VARIANT_FLAG_TYPE);
        createFlag(DEFAULT, "FOO", FlagType.BOOLEAN_FLAG_TYPE);
        assertThat(stores.flags().getFlag(DEFAULT, "FOO").getType()).isEqualTo(FlagType.BOOLEAN_FLAG_TYPE);
        assertThat(stores.flags().getFlag(DEFAULT, "foo").getType()).isEqualTo(FlagType.VARIANT_FLAG_TYPE);
    }

    @Test
    void updateFlagIsAFullReplace() {
        Struct metadata = Struct.newBuilder().putFields("a", Value.newBuilder().setBoolValue(true).build()).build();
        stores.flags().createFlag(CreateFlagRequest.newBuilder().setKey("f").setName("F").setDescription("d")
                .setEnabled(true).setType(FlagType.BOOLEAN_FLAG_TYPE).setMetadata(metadata).build());

        Flag replaced = stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setKey("f").setName("G").build());
        assertThat(replaced.getName()).isEqualTo("G");
        assertThat(replaced.getDescription()).isEmpty();
        assertThat(replaced.getEnabled()).isFalse();
        assertThat(replaced.getType()).isEqualTo(FlagType.BOOLEAN_FLAG_TYPE);
        assertThat(replaced.getMetadata()).isEqualTo(metadata);

        Flag cleared = stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setKey("f").setName("G")
                .setMetadata(Struct.getDefaultInstance()).build());
        assertThat(cleared.hasMetadata()).isFalse();
    }

    @Test
    void updateFlagSetsAndClearsTheDefaultVariant() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createFlag(DEFAULT, "g", FlagType.VARIANT_FLAG_TYPE);
        Variant on = createVariant(DEFAULT, "f", "on");
        Variant foreign = createVariant(DEFAULT, "g", "other");

        Flag withDefault = setDefaultVariant(DEFAULT, "f", on.getId());
        assertThat(withDefault.getDefaultVariant()).isEqualTo(on);
        assertThat(stores.flags().getFlag(DEFAULT, "f").getDefaultVariant()).isEqualTo(on);
        assertThat(stores.flags().listFlags(DEFAULT, PageRequest.all()).items().get(0).getDefaultVariant()).isEqualTo(on);

        assertThatThrownBy(() -> setDefaultVariant(DEFAULT, "f", foreign.getId()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("variant \"" + foreign.getId() + "\" not found for flag \"default/f\"");
        assertThatThrownBy(() -> setDefaultVariant(DEFAULT, "f", "missing"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("variant \"missing\" not found for flag \"default/f\"");
        assertThat(stores.flags().getFlag(DEFAULT, "f").getDefaultVariant()).isEqualTo(on);

        Flag cleared = setDefaultVariant(DEFAULT, "f", "");
        assertThat(cleared.hasDefaultVariant()).isFalse();

        setDefaultVariant(DEFAULT, "f", on.getId());
        stores.flags().deleteVariant(DeleteVariantRequest.newBuilder().setFlagKey("f").setId(on.getId()).build());
        assertThat(stores.flags().getFlag(DEFAULT, "f").hasDefaultVariant()).isFalse();
    }

    @Test
    void listsFlagsWithVariantsAndPages() {
        for (String key : List.of("b", "a", "c", "d", "e")) {
            createFlag(DEFAULT, key, FlagType.VARIANT_FLAG_TYPE);
        }
        createVariant(DEFAULT, "a", "two");
        createVariant(DEFAULT, "a", "one");
        createVariant(DEFAULT, "e", "x");

        Page<Flag> first = stores.flags().listFlags(DEFAULT, new PageRequest(2, 0, ""));
        assertThat(first.items()).extracting(Flag::getKey).containsExactly("b", "a");
        assertThat(first.items().get(1).getVariantsList()).extracting(Variant::getKey).containsExactly("two", "one");
        assertThat(first.totalCount()).isEqualTo(5);
        assertThat(decode(first.nextPageToken())).isEqualTo("{\"key\":\"c\",\"offset\":2}");

        Page<Flag> second = stores.flags().listFlags(DEFAULT, new PageRequest(2, 0, first.nextPageToken()));
        assertThat(second.items()).extracting(Flag::getKey).containsExactly("c", "d");
        Page<Flag> third = stores.flags().listFlags(DEFAULT, new PageRequest(2, 0, second.nextPageToken()));
        assertThat(third.items()).extracting(Flag::getKey).containsExactly("e");
        assertThat(third.items().get(0).getVariantsList()).extracting(Variant::getKey).containsExactly("x");
        assertThat(third.nextPageToken()).isEmpty();

        assertThat(stores.flags().listFlags("nope", PageRequest.all()).items()).isEmpty();
        assertThat(stores.flags().listFlags("nope", PageRequest.all()).totalCount()).isZero();
    }

    @Test
    void deleteFlagCascadesAndIsIdempotent() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        Variant variant = createVariant(DEFAULT, "f", "on");
        setDefaultVariant(DEFAULT, "f", variant.getId());
        createSegment(DEFAULT, "s");
        Rule rule = createRule(DEFAULT, "f", 1, "s");
        createDistribution(DEFAULT, "f", rule.getId(), variant.getId(), 50);
        createSegmentRollout(DEFAULT, "f", 1, true, "s");
        createThresholdRollout(DEFAULT, "f", 2, 10, false);

        stores.flags().deleteFlag(DeleteFlagRequest.newBuilder().setKey("f").build());
        assertThatThrownBy(() -> stores.flags().getFlag(DEFAULT, "f")).isInstanceOf(NotFoundException.class);
        assertThat(countRows("variants") + countRows("rules") + countRows("distributions") + countRows("rule_segments")
                + countRows("rollouts") + countRows("rollout_thresholds") + countRows("rollout_segments")
                + countRows("rollout_segment_references")).isZero();
        stores.segments().deleteSegment(DeleteSegmentRequest.newBuilder().setKey("s").build());

        stores.flags().deleteFlag(DeleteFlagRequest.newBuilder().setKey("f").build());
        stores.flags().deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey("nope").setKey("f").build());
    }

    @Test
    void createsUpdatesAndDeletesVariants() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        Variant created = stores.flags().createVariant(CreateVariantRequest.newBuilder().setFlagKey("f").setKey("on")
                .setName("On").setDescription("d").setAttachment("{ \"a\" : [1, 2],\n \"b\": \"x y\" }").build());
        assertThat(created.getId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created.getAttachment()).isEqualTo("{\"a\":[1,2],\"b\":\"x y\"}");
        assertThat(created.getNamespaceKey()).isEqualTo(DEFAULT);
        assertThat(created.getFlagKey()).isEqualTo("f");
        assertThat(stores.flags().getFlag(DEFAULT, "f").getVariantsList()).containsExactly(created);
        assertThat(stores.flags().listFlags(DEFAULT, PageRequest.all()).items().get(0).getVariantsList())
                .containsExactly(created);

        Variant updated = stores.flags().updateVariant(UpdateVariantRequest.newBuilder().setFlagKey("f")
                .setId(created.getId()).setKey("enabled").setName("Enabled").build());
        assertThat(updated.getKey()).isEqualTo("enabled");
        assertThat(updated.getAttachment()).isEmpty();
        assertThat(updated.getDescription()).isEmpty();
        assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());

        stores.flags().deleteVariant(DeleteVariantRequest.newBuilder().setFlagKey("f").setId(created.getId()).build());
        stores.flags().deleteVariant(DeleteVariantRequest.newBuilder().setFlagKey("f").setId(created.getId()).build());
        assertThat(stores.flags().getFlag(DEFAULT, "f").getVariantsList()).isEmpty();
    }

    @Test
    void variantErrors() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createVariant(DEFAULT, "f", "v");
        Variant other = createVariant(DEFAULT, "f", "w");
        assertThatThrownBy(() -> createVariant(DEFAULT, "f", "v"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("variant \"v\" is not unique for flag \"default/f\"");
        assertThatThrownBy(() -> stores.flags().updateVariant(UpdateVariantRequest.newBuilder().setFlagKey("f")
                        .setId(other.getId()).setKey("v").build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("variant \"v\" is not unique for flag \"default/f\"");
        assertThatThrownBy(() -> createVariant(DEFAULT, "nope", "v"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/nope\" not found");
        assertThatThrownBy(() -> stores.flags().updateVariant(UpdateVariantRequest.newBuilder().setFlagKey("f")
                        .setId("missing").setKey("k").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("variant \"k\" not found");
        createFlag(DEFAULT, "g", FlagType.VARIANT_FLAG_TYPE);
        assertThat(createVariant(DEFAULT, "g", "v").getKey()).isEqualTo("v");
    }

    @Test
    void deletingAVariantDeletesItsDistributions() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        Variant a = createVariant(DEFAULT, "f", "a");
        Variant b = createVariant(DEFAULT, "f", "b");
        createSegment(DEFAULT, "s");
        Rule rule = createRule(DEFAULT, "f", 1, "s");
        createDistribution(DEFAULT, "f", rule.getId(), a.getId(), 30);
        Distribution kept = createDistribution(DEFAULT, "f", rule.getId(), b.getId(), 70);

        stores.flags().deleteVariant(DeleteVariantRequest.newBuilder().setFlagKey("f").setId(a.getId()).build());
        assertThat(stores.rules().getRule(DEFAULT, rule.getId()).getDistributionsList()).containsExactly(kept);
    }

    // ---------------------------------------------------------------- segments and constraints

    @Test
    void createsGetsUpdatesAndListsSegments() {
        Segment created = stores.segments().createSegment(CreateSegmentRequest.newBuilder().setKey("s").setName("S")
                .setDescription("d").setMatchType(MatchType.ANY_MATCH_TYPE).build());
        assertThat(created.getMatchType()).isEqualTo(MatchType.ANY_MATCH_TYPE);
        assertThat(created.getNamespaceKey()).isEqualTo(DEFAULT);
        assertThat(stores.segments().getSegment(DEFAULT, "s")).isEqualTo(created);

        Segment updated = stores.segments().updateSegment(UpdateSegmentRequest.newBuilder().setKey("s").setName("T")
                .setMatchType(MatchType.ALL_MATCH_TYPE).build());
        assertThat(updated.getName()).isEqualTo("T");
        assertThat(updated.getDescription()).isEmpty();
        assertThat(updated.getMatchType()).isEqualTo(MatchType.ALL_MATCH_TYPE);

        createSegment(DEFAULT, "r");
        createSegment(DEFAULT, "q");
        Constraint constraint = createConstraint(DEFAULT, "r", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x");
        Page<Segment> first = stores.segments().listSegments(DEFAULT, new PageRequest(2, 0, ""));
        assertThat(first.items()).extracting(Segment::getKey).containsExactly("s", "r");
        assertThat(first.items().get(1).getConstraintsList()).containsExactly(constraint);
        assertThat(first.totalCount()).isEqualTo(3);
        Page<Segment> second = stores.segments().listSegments(DEFAULT, new PageRequest(2, 0, first.nextPageToken()));
        assertThat(second.items()).extracting(Segment::getKey).containsExactly("q");
        assertThat(second.nextPageToken()).isEmpty();
    }

    @Test
    void segmentErrors() {
        createSegment(DEFAULT, "s");
        assertThatThrownBy(() -> createSegment(DEFAULT, "s"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("segment \"default/s\" is not unique");
        assertThatThrownBy(() -> createSegment("nope", "s"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("namespace \"nope\" not found");
        assertThatThrownBy(() -> stores.segments().getSegment(DEFAULT, "nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("segment \"default/nope\" not found");
        assertThatThrownBy(() -> stores.segments().updateSegment(UpdateSegmentRequest.newBuilder().setKey("nope").setName("x").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("segment \"default/nope\" not found");
    }

    @Test
    void segmentsInUseCannotBeDeleted() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createFlag(DEFAULT, "b", FlagType.BOOLEAN_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        createSegment(DEFAULT, "t");
        createConstraint(DEFAULT, "t", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x");
        Rule rule = createRule(DEFAULT, "f", 1, "s");
        Rollout rollout = createSegmentRollout(DEFAULT, "b", 1, true, "s", "t");

        for (String key : List.of("s", "t")) {
            assertThatThrownBy(() -> stores.segments().deleteSegment(DeleteSegmentRequest.newBuilder().setKey(key).build()))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("segment \"default/" + key + "\" is in use");
        }
        stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("f").setId(rule.getId()).build());
        stores.rollouts().deleteRollout(DeleteRolloutRequest.newBuilder().setFlagKey("b").setId(rollout.getId()).build());
        stores.segments().deleteSegment(DeleteSegmentRequest.newBuilder().setKey("s").build());
        stores.segments().deleteSegment(DeleteSegmentRequest.newBuilder().setKey("t").build());
        stores.segments().deleteSegment(DeleteSegmentRequest.newBuilder().setKey("t").build());
        assertThat(countRows("constraints")).isZero();
    }

    @Test
    void constraintsAreNormalised() {
        createSegment(DEFAULT, "s");
        Constraint lowered = createConstraint(DEFAULT, "s", ComparisonType.STRING_COMPARISON_TYPE, "PREFIX", "ab");
        assertThat(lowered.getOperator()).isEqualTo("prefix");
        assertThat(lowered.getValue()).isEqualTo("ab");
        Constraint noValue = createConstraint(DEFAULT, "s", ComparisonType.STRING_COMPARISON_TYPE, "notEmpty", "ignored");
        assertThat(noValue.getOperator()).isEqualTo("notempty");
        assertThat(noValue.getValue()).isEmpty();
        Constraint datetime = createConstraint(DEFAULT, "s", ComparisonType.DATETIME_COMPARISON_TYPE, "gt",
                "2024-01-02T03:04:05.678+02:00");
        assertThat(datetime.getValue()).isEqualTo("2024-01-02T01:04:05Z");
        Constraint date = createConstraint(DEFAULT, "s", ComparisonType.DATETIME_COMPARISON_TYPE, "lt", "2024-05-06");
        assertThat(date.getValue()).isEqualTo("2024-05-06");
        Constraint bool = createConstraint(DEFAULT, "s", ComparisonType.BOOLEAN_COMPARISON_TYPE, "TRUE", "x");
        assertThat(bool.getValue()).isEmpty();

        assertThat(stores.segments().getSegment(DEFAULT, "s").getConstraintsList())
                .containsExactly(lowered, noValue, datetime, date, bool);
    }

    @Test
    void updatesAndDeletesConstraints() {
        createSegment(DEFAULT, "s");
        Constraint created = stores.segments().createConstraint(CreateConstraintRequest.newBuilder().setSegmentKey("s")
                .setType(ComparisonType.NUMBER_COMPARISON_TYPE).setProperty("age").setOperator("gt").setValue("3")
                .setDescription("adults").build());
        assertThat(created.getDescription()).isEqualTo("adults");

        Constraint updated = stores.segments().updateConstraint(UpdateConstraintRequest.newBuilder().setSegmentKey("s")
                .setId(created.getId()).setType(ComparisonType.DATETIME_COMPARISON_TYPE).setProperty("since")
                .setOperator("EQ").setValue("2020-02-03T04:05:06Z").build());
        assertThat(updated.getType()).isEqualTo(ComparisonType.DATETIME_COMPARISON_TYPE);
        assertThat(updated.getOperator()).isEqualTo("eq");
        assertThat(updated.getValue()).isEqualTo("2020-02-03T04:05:06Z");
        assertThat(updated.getDescription()).isEmpty();
        assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());

        assertThatThrownBy(() -> stores.segments().updateConstraint(UpdateConstraintRequest.newBuilder().setSegmentKey("s")
                        .setId("missing").setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("p").setOperator("eq").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("constraint \"missing\" not found");
        assertThatThrownBy(() -> createConstraint(DEFAULT, "nope", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("segment \"default/nope\" not found");

        stores.segments().deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("s").setId(created.getId()).build());
        stores.segments().deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("s").setId(created.getId()).build());
        assertThat(stores.segments().getSegment(DEFAULT, "s").getConstraintsList()).isEmpty();
    }

    // ---------------------------------------------------------------- rules and distributions

    @Test
    void rulesUseSegmentKeyForOneSegmentAndSegmentKeysForSeveral() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "a");
        createSegment(DEFAULT, "b");

        Rule single = stores.rules().createRule(CreateRuleRequest.newBuilder().setFlagKey("f").setRank(1)
                .setSegmentKey("a").setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertThat(single.getSegmentKey()).isEqualTo("a");
        assertThat(single.getSegmentKeysList()).isEmpty();
        assertThat(single.getSegmentOperator()).isEqualTo(SegmentOperator.OR_SEGMENT_OPERATOR);
        assertThat(stores.rules().getRule(DEFAULT, single.getId())).isEqualTo(single);

        Rule dedupedToOne = stores.rules().createRule(CreateRuleRequest.newBuilder().setFlagKey("f").setRank(2)
                .addAllSegmentKeys(List.of("b", "b")).setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertThat(dedupedToOne.getSegmentKey()).isEqualTo("b");
        assertThat(dedupedToOne.getSegmentOperator()).isEqualTo(SegmentOperator.OR_SEGMENT_OPERATOR);

        Rule several = stores.rules().createRule(CreateRuleRequest.newBuilder().setFlagKey("f").setRank(3)
                .addAllSegmentKeys(List.of("b", "a", "b")).setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertThat(several.getSegmentKey()).isEmpty();
        assertThat(several.getSegmentKeysList()).containsExactly("b", "a");
        assertThat(several.getSegmentOperator()).isEqualTo(SegmentOperator.AND_SEGMENT_OPERATOR);
        assertThat(several.getDistributionsList()).isEmpty();
        assertThat(stores.rules().getRule(DEFAULT, several.getId())).isEqualTo(several);
    }

    @Test
    void ruleErrorsLeaveNothingBehind() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        String versionBefore = stores.evaluation().namespaceVersion(DEFAULT).orElseThrow();

        assertThatThrownBy(() -> createRule(DEFAULT, "nope", 1, "s"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/nope\" or segment \"default/s\" not found");
        assertThatThrownBy(() -> createRule(DEFAULT, "f", 1, "nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/f\" or segment \"default/nope\" not found");
        assertThatThrownBy(() -> stores.rules().createRule(CreateRuleRequest.newBuilder().setFlagKey("f").setRank(1)
                        .addAllSegmentKeys(List.of("s", "missing")).build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(countRows("rules")).isZero();
        assertThat(countRows("rule_segments")).isZero();
        assertThat(stores.evaluation().namespaceVersion(DEFAULT)).contains(versionBefore);

        assertThatThrownBy(() -> stores.rules().getRule(DEFAULT, "missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rule \"default/missing\" not found");
        assertThatThrownBy(() -> stores.rules().updateRule(UpdateRuleRequest.newBuilder().setFlagKey("f")
                        .setId("missing").setSegmentKey("s").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rule \"default/missing\" not found");
    }

    @Test
    void updatesRuleSegmentsButNotRank() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "a");
        createSegment(DEFAULT, "b");
        createSegment(DEFAULT, "c");
        Rule rule = createRule(DEFAULT, "f", 1, "a");

        Rule updated = stores.rules().updateRule(UpdateRuleRequest.newBuilder().setFlagKey("f").setId(rule.getId())
                .addAllSegmentKeys(List.of("c", "b")).setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertThat(updated.getSegmentKeysList()).containsExactly("c", "b");
        assertThat(updated.getSegmentKey()).isEmpty();
        assertThat(updated.getSegmentOperator()).isEqualTo(SegmentOperator.AND_SEGMENT_OPERATOR);
        assertThat(updated.getRank()).isEqualTo(1);

        Rule back = stores.rules().updateRule(UpdateRuleRequest.newBuilder().setFlagKey("f").setId(rule.getId())
                .setSegmentKey("a").setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        assertThat(back.getSegmentKey()).isEqualTo("a");
        assertThat(back.getSegmentOperator()).isEqualTo(SegmentOperator.OR_SEGMENT_OPERATOR);

        assertThatThrownBy(() -> stores.rules().updateRule(UpdateRuleRequest.newBuilder().setFlagKey("f")
                        .setId(rule.getId()).setSegmentKey("nope").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rule \"default/" + rule.getId() + "\" not found");
        assertThat(stores.rules().getRule(DEFAULT, rule.getId()).getSegmentKey()).isEqualTo("a");
    }

    @Test
    void listsRulesByRankWithPages() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        Rule third = createRule(DEFAULT, "f", 3, "s");
        Rule first = createRule(DEFAULT, "f", 1, "s");
        Rule second = createRule(DEFAULT, "f", 2, "s");

        Page<Rule> page = stores.rules().listRules(DEFAULT, "f", new PageRequest(2, 0, ""));
        assertThat(page.items()).extracting(Rule::getId).containsExactly(first.getId(), second.getId());
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(decode(page.nextPageToken())).isEqualTo("{\"key\":\"" + third.getId() + "\",\"offset\":2}");
        Page<Rule> rest = stores.rules().listRules(DEFAULT, "f", new PageRequest(2, 0, page.nextPageToken()));
        assertThat(rest.items()).extracting(Rule::getId).containsExactly(third.getId());
        assertThat(rest.nextPageToken()).isEmpty();
        assertThat(stores.rules().listRules(DEFAULT, "nope", PageRequest.all()).items()).isEmpty();
    }

    @Test
    void deletingAndOrderingRulesReRanks() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createFlag(DEFAULT, "g", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        Rule one = createRule(DEFAULT, "f", 1, "s");
        Rule two = createRule(DEFAULT, "f", 2, "s");
        Rule three = createRule(DEFAULT, "f", 3, "s");
        Rule foreign = createRule(DEFAULT, "g", 1, "s");

        stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("f").setId(one.getId()).build());
        assertThat(ranks(stores.rules().listRules(DEFAULT, "f", PageRequest.all()).items()))
                .containsExactly(two.getId() + "=1", three.getId() + "=2");

        stores.rules().orderRules(OrderRulesRequest.newBuilder().setFlagKey("f")
                .addAllRuleIds(List.of(three.getId(), two.getId())).build());
        assertThat(ranks(stores.rules().listRules(DEFAULT, "f", PageRequest.all()).items()))
                .containsExactly(three.getId() + "=1", two.getId() + "=2");

        assertThatThrownBy(() -> stores.rules().orderRules(OrderRulesRequest.newBuilder().setFlagKey("f")
                        .addAllRuleIds(List.of(two.getId(), foreign.getId())).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rule \"default/" + foreign.getId() + "\" not found");
        assertThat(ranks(stores.rules().listRules(DEFAULT, "f", PageRequest.all()).items()))
                .containsExactly(three.getId() + "=1", two.getId() + "=2");

        stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("f").setId("missing").build());
        stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("g").setId(two.getId()).build());
        assertThat(stores.rules().listRules(DEFAULT, "f", PageRequest.all()).items()).hasSize(2);
    }

    @Test
    void createsUpdatesAndDeletesDistributions() {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        createFlag(DEFAULT, "g", FlagType.VARIANT_FLAG_TYPE);
        Variant a = createVariant(DEFAULT, "f", "a");
        Variant b = createVariant(DEFAULT, "f", "b");
        Variant foreign = createVariant(DEFAULT, "g", "c");
        createSegment(DEFAULT, "s");
        Rule rule = createRule(DEFAULT, "f", 1, "s");

        Distribution created = createDistribution(DEFAULT, "f", rule.getId(), a.getId(), 33.33f);
        assertThat(created.getRollout()).isEqualTo(33.33f);
        assertThat(created.getRuleId()).isEqualTo(rule.getId());
        Distribution second = createDistribution(DEFAULT, "f", rule.getId(), b.getId(), 66.67f);
        assertThat(stores.rules().getRule(DEFAULT, rule.getId()).getDistributionsList()).containsExactly(created, second);

        Distribution updated = stores.rules().updateDistribution(UpdateDistributionRequest.newBuilder().setFlagKey("f")
                .setRuleId(rule.getId()).setId(created.getId()).setVariantId(b.getId()).setRollout(10).build());
        assertThat(updated.getVariantId()).isEqualTo(b.getId());
        assertThat(updated.getRollout()).isEqualTo(10f);
        assertThat(updated.getCreatedAt()).isEqualTo(created.getCreatedAt());

        String message = "variant \"" + foreign.getId() + "\", rule \"" + rule.getId()
                + "\", flag \"f\" in namespace \"default\" not found";
        assertThatThrownBy(() -> createDistribution(DEFAULT, "f", rule.getId(), foreign.getId(), 1))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> createDistribution(DEFAULT, "f", "missing", a.getId(), 1))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("variant \"" + a.getId() + "\", rule \"missing\", flag \"f\" in namespace \"default\" not found");
        assertThatThrownBy(() -> stores.rules().updateDistribution(UpdateDistributionRequest.newBuilder().setFlagKey("f")
                        .setRuleId(rule.getId()).setId("missing").setVariantId(a.getId()).setRollout(1).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("distribution \"missing\" not found");

        stores.rules().deleteDistribution(DeleteDistributionRequest.newBuilder().setFlagKey("f").setRuleId(rule.getId())
                .setId(created.getId()).setVariantId(a.getId()).build());
        assertThat(stores.rules().getRule(DEFAULT, rule.getId()).getDistributionsList()).hasSize(2);
        stores.rules().deleteDistribution(DeleteDistributionRequest.newBuilder().setFlagKey("f").setRuleId(rule.getId())
                .setId(created.getId()).setVariantId(b.getId()).build());
        assertThat(stores.rules().getRule(DEFAULT, rule.getId()).getDistributionsList()).containsExactly(second);
    }

    // ---------------------------------------------------------------- rollouts

    @Test
    void createsGetsAndListsRollouts() {
        createFlag(DEFAULT, "b", FlagType.BOOLEAN_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        createSegment(DEFAULT, "t");
        Rollout threshold = createThresholdRollout(DEFAULT, "b", 2, 42.5f, true);
        assertThat(threshold.getType()).isEqualTo(RolloutType.THRESHOLD_ROLLOUT_TYPE);
        assertThat(threshold.getThreshold().getPercentage()).isEqualTo(42.5f);
        assertThat(threshold.getThreshold().getValue()).isTrue();

        Rollout single = stores.rollouts().createRollout(CreateRolloutRequest.newBuilder().setFlagKey("b").setRank(1)
                .setDescription("one").setSegment(RolloutSegment.newBuilder().setSegmentKey("s").setValue(true)
                        .setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR)).build());
        assertThat(single.getType()).isEqualTo(RolloutType.SEGMENT_ROLLOUT_TYPE);
        assertThat(single.getSegment().getSegmentKey()).isEqualTo("s");
        assertThat(single.getSegment().getSegmentOperator()).isEqualTo(SegmentOperator.OR_SEGMENT_OPERATOR);
        assertThat(stores.rollouts().getRollout(DEFAULT, single.getId())).isEqualTo(single);

        Rollout several = createSegmentRollout(DEFAULT, "b", 3, false, "t", "s", "t");
        assertThat(several.getSegment().getSegmentKeysList()).containsExactly("t", "s");
        assertThat(several.getSegment().getSegmentKey()).isEmpty();
        assertThat(stores.rollouts().getRollout(DEFAULT, several.getId())).isEqualTo(several);
        assertThat(stores.rollouts().getRollout(DEFAULT, threshold.getId())).isEqualTo(threshold);

        Page<Rollout> page = stores.rollouts().listRollouts(DEFAULT, "b", new PageRequest(2, 0, ""));
        assertThat(page.items()).containsExactly(single, threshold);
        assertThat(page.totalCount()).isEqualTo(3);
        Page<Rollout> rest = stores.rollouts().listRollouts(DEFAULT, "b", new PageRequest(2, 0, page.nextPageToken()));
        assertThat(rest.items()).containsExactly(several);
    }

    @Test
    void rolloutErrors() {
        createFlag(DEFAULT, "b", FlagType.BOOLEAN_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        createThresholdRollout(DEFAULT, "b", 1, 10, true);
        assertThatThrownBy(() -> createThresholdRollout(DEFAULT, "b", 1, 10, true))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("rank number: 1 already exists");
        assertThatThrownBy(() -> stores.rollouts().createRollout(CreateRolloutRequest.newBuilder().setFlagKey("b").setRank(2).build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("rollout rule is missing");
        assertThatThrownBy(() -> createThresholdRollout(DEFAULT, "nope", 1, 10, true))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/nope\" not found");
        assertThatThrownBy(() -> createSegmentRollout(DEFAULT, "b", 2, true, "missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("flag \"default/b or segment missing\" not found");
        assertThatThrownBy(() -> stores.rollouts().getRollout(DEFAULT, "missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rollout \"default/missing\" not found");
        assertThat(countRows("rollouts")).isEqualTo(1);
    }

    @Test
    void updatesRollouts() {
        createFlag(DEFAULT, "b", FlagType.BOOLEAN_FLAG_TYPE);
        createSegment(DEFAULT, "s");
        createSegment(DEFAULT, "t");
        Rollout threshold = createThresholdRollout(DEFAULT, "b", 1, 10, false);
        Rollout segment = createSegmentRollout(DEFAULT, "b", 2, false, "s");

        Rollout updatedThreshold = stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                .setId(threshold.getId()).setDescription("more")
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(75).setValue(true)).build());
        assertThat(updatedThreshold.getDescription()).isEqualTo("more");
        assertThat(updatedThreshold.getThreshold().getPercentage()).isEqualTo(75f);
        assertThat(updatedThreshold.getThreshold().getValue()).isTrue();
        assertThat(updatedThreshold.getRank()).isEqualTo(1);

        Rollout updatedSegment = stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                .setId(segment.getId()).setSegment(RolloutSegment.newBuilder().addAllSegmentKeys(List.of("t", "s"))
                        .setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).setValue(true)).build());
        assertThat(updatedSegment.getSegment().getSegmentKeysList()).containsExactly("t", "s");
        assertThat(updatedSegment.getSegment().getSegmentOperator()).isEqualTo(SegmentOperator.AND_SEGMENT_OPERATOR);
        assertThat(updatedSegment.getSegment().getValue()).isTrue();

        assertThatThrownBy(() -> stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                        .setId(threshold.getId()).setSegment(RolloutSegment.newBuilder().setSegmentKey("s")).build()))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("cannot change type of rollout: have \"THRESHOLD_ROLLOUT_TYPE\" attempted \"SEGMENT_ROLLOUT_TYPE\"");
        assertThatThrownBy(() -> stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                        .setId(segment.getId()).setSegment(RolloutSegment.newBuilder().setSegmentKey("nope")).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("segment \"default/nope\" not found");
        assertThatThrownBy(() -> stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                        .setId(segment.getId()).setDescription("lost").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("invalid field rule: invalid rollout rule type");
        assertThat(stores.rollouts().getRollout(DEFAULT, segment.getId())).isEqualTo(updatedSegment);
        assertThatThrownBy(() -> stores.rollouts().updateRollout(UpdateRolloutRequest.newBuilder().setFlagKey("b")
                        .setId("missing").setThreshold(RolloutThreshold.newBuilder().setPercentage(1)).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rollout \"default/missing\" not found");
    }

    @Test
    void deletingAndOrderingRolloutsReRanks() {
        createFlag(DEFAULT, "b", FlagType.BOOLEAN_FLAG_TYPE);
        createFlag(DEFAULT, "c", FlagType.BOOLEAN_FLAG_TYPE);
        Rollout one = createThresholdRollout(DEFAULT, "b", 1, 1, true);
        Rollout two = createThresholdRollout(DEFAULT, "b", 2, 2, true);
        Rollout three = createThresholdRollout(DEFAULT, "b", 3, 3, true);
        Rollout foreign = createThresholdRollout(DEFAULT, "c", 1, 3, true);

        stores.rollouts().deleteRollout(DeleteRolloutRequest.newBuilder().setFlagKey("b").setId(two.getId()).build());
        assertThat(rolloutRanks("b")).containsExactly(one.getId() + "=1", three.getId() + "=2");

        stores.rollouts().orderRollouts(OrderRolloutsRequest.newBuilder().setFlagKey("b")
                .addAllRolloutIds(List.of(three.getId(), one.getId())).build());
        assertThat(rolloutRanks("b")).containsExactly(three.getId() + "=1", one.getId() + "=2");

        assertThatThrownBy(() -> stores.rollouts().orderRollouts(OrderRolloutsRequest.newBuilder().setFlagKey("b")
                        .addAllRolloutIds(List.of(foreign.getId(), one.getId())).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("rollout \"default/" + foreign.getId() + "\" not found");
        stores.rollouts().deleteRollout(DeleteRolloutRequest.newBuilder().setFlagKey("b").setId("missing").build());
        assertThat(rolloutRanks("b")).hasSize(2);
    }

    // ---------------------------------------------------------------- versions and evaluation state

    @Test
    void everyWriteAdvancesTheNamespaceVersion() {
        createNamespace("other");
        List<String> versions = new ArrayList<>();
        Runnable record = () -> versions.add(stores.evaluation().namespaceVersion(DEFAULT).orElseThrow());
        record.run();
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        record.run();
        Variant variant = createVariant(DEFAULT, "f", "v");
        record.run();
        setDefaultVariant(DEFAULT, "f", variant.getId());
        record.run();
        createSegment(DEFAULT, "s");
        record.run();
        Constraint constraint = createConstraint(DEFAULT, "s", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x");
        record.run();
        Rule rule = createRule(DEFAULT, "f", 1, "s");
        record.run();
        createDistribution(DEFAULT, "f", rule.getId(), variant.getId(), 100);
        record.run();
        createThresholdRollout(DEFAULT, "f", 1, 5, true);
        record.run();
        stores.segments().deleteConstraint(DeleteConstraintRequest.newBuilder().setSegmentKey("s").setId(constraint.getId()).build());
        record.run();
        stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setFlagKey("f").setId(rule.getId()).build());
        record.run();
        stores.namespaces().updateNamespace(UpdateNamespaceRequest.newBuilder().setKey(DEFAULT).setName("Default").build());
        record.run();
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(versions.stream().map(Long::parseLong).toList()).isSorted();

        String current = versions.get(versions.size() - 1);
        stores.flags().getFlag(DEFAULT, "f");
        stores.flags().deleteFlag(DeleteFlagRequest.newBuilder().setKey("missing").build());
        createFlag("other", "f", FlagType.VARIANT_FLAG_TYPE);
        assertThat(stores.evaluation().namespaceVersion(DEFAULT)).contains(current);
        assertThat(stores.evaluation().namespaceVersion("nope")).isEmpty();
    }

    @Test
    void loadsAConsistentEvaluationState() {
        createNamespace("other");
        createFlag("other", "elsewhere", FlagType.VARIANT_FLAG_TYPE);
        Flag variantFlag = createFlag(DEFAULT, "colour", FlagType.VARIANT_FLAG_TYPE);
        Variant red = createVariant(DEFAULT, "colour", "red");
        Variant blue = createVariant(DEFAULT, "colour", "blue");
        setDefaultVariant(DEFAULT, "colour", blue.getId());
        createFlag(DEFAULT, "switch", FlagType.BOOLEAN_FLAG_TYPE);
        createFlag(DEFAULT, "empty", FlagType.VARIANT_FLAG_TYPE);
        createSegment(DEFAULT, "users");
        createSegment(DEFAULT, "admins");
        Constraint constraint = createConstraint(DEFAULT, "users", ComparisonType.STRING_COMPARISON_TYPE, "eq", "x");
        Rule second = createRule(DEFAULT, "colour", 2, "users");
        Rule first = stores.rules().createRule(CreateRuleRequest.newBuilder().setFlagKey("colour").setRank(1)
                .addAllSegmentKeys(List.of("admins", "users")).setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR).build());
        createDistribution(DEFAULT, "colour", second.getId(), red.getId(), 40);
        createDistribution(DEFAULT, "colour", second.getId(), blue.getId(), 60);
        Rollout threshold = createThresholdRollout(DEFAULT, "switch", 2, 25, true);
        Rollout segment = createSegmentRollout(DEFAULT, "switch", 1, false, "users", "admins");

        EvaluationState state = stores.evaluation().loadEvaluationState(DEFAULT).orElseThrow();
        assertThat(state.version()).isEqualTo(stores.evaluation().namespaceVersion(DEFAULT).orElseThrow());
        assertThat(state.namespace().getKey()).isEqualTo(DEFAULT);
        assertThat(state.flags()).extracting(Flag::getKey).containsExactly("colour", "switch", "empty");
        assertThat(state.flags().get(0)).isEqualTo(stores.flags().getFlag(DEFAULT, "colour"));
        assertThat(state.flags().get(0).getDefaultVariant()).isEqualTo(blue);
        assertThat(state.flags().get(0).getCreatedAt()).isEqualTo(variantFlag.getCreatedAt());
        assertThat(state.segments()).extracting(Segment::getKey).containsExactly("users", "admins");
        assertThat(state.segments().get(0).getConstraintsList()).containsExactly(constraint);
        assertThat(state.rules("colour")).containsExactly(
                stores.rules().getRule(DEFAULT, first.getId()), stores.rules().getRule(DEFAULT, second.getId()));
        assertThat(state.rules("colour").get(1).getDistributionsList()).hasSize(2);
        assertThat(EvaluationState.segmentKeys(state.rules("colour").get(0))).containsExactly("admins", "users");
        assertThat(EvaluationState.segmentKeys(state.rules("colour").get(1))).containsExactly("users");
        assertThat(state.rollouts("switch")).containsExactly(segment, threshold);
        assertThat(state.rules("empty")).isEmpty();
        assertThat(state.rollouts("empty")).isEmpty();
        assertThat(state.rulesByFlag()).containsOnlyKeys("colour");

        assertThat(stores.evaluation().loadEvaluationState("nope")).isEmpty();
        EvaluationState other = stores.evaluation().loadEvaluationState("other").orElseThrow();
        assertThat(other.flags()).extracting(Flag::getKey).containsExactly("elsewhere");
        assertThat(other.segments()).isEmpty();
    }

    @Test
    void concurrentWritesAllSucceed() throws Exception {
        createFlag(DEFAULT, "f", FlagType.VARIANT_FLAG_TYPE);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int threadNumber = thread;
                futures.add(executor.submit(() -> {
                    for (int index = 0; index < 10; index++) {
                        createVariant(DEFAULT, "f", "v" + threadNumber + "-" + index);
                        createSegment(DEFAULT, "s" + threadNumber + "-" + index);
                        stores.flags().getFlag(DEFAULT, "f");
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(stores.flags().getFlag(DEFAULT, "f").getVariantsCount()).isEqualTo(80);
        assertThat(stores.segments().listSegments(DEFAULT, PageRequest.all()).totalCount()).isEqualTo(80);
    }

    // ---------------------------------------------------------------- helpers

    private Namespace createNamespace(String key) {
        return stores.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey(key).setName(key).build());
    }

    private void deleteNamespace(String key, boolean force) {
        stores.namespaces().deleteNamespace(DeleteNamespaceRequest.newBuilder().setKey(key).setForce(force).build());
    }

    private Flag createFlag(String namespaceKey, String key, FlagType type) {
        return stores.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespaceKey).setKey(key)
                .setName(key).setType(type).build());
    }

    private Flag setDefaultVariant(String namespaceKey, String flagKey, String variantId) {
        return stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(namespaceKey).setKey(flagKey)
                .setName(flagKey).setDefaultVariantId(variantId).build());
    }

    private Variant createVariant(String namespaceKey, String flagKey, String key) {
        return stores.flags().createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey).setKey(key).setName(key).build());
    }

    private Segment createSegment(String namespaceKey, String key) {
        return stores.segments().createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setKey(key).setName(key).build());
    }

    private Constraint createConstraint(String namespaceKey, String segmentKey, ComparisonType type, String operator, String value) {
        return stores.segments().createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setSegmentKey(segmentKey).setType(type).setProperty("property").setOperator(operator).setValue(value).build());
    }

    private Rule createRule(String namespaceKey, String flagKey, int rank, String segmentKey) {
        return stores.rules().createRule(CreateRuleRequest.newBuilder().setNamespaceKey(namespaceKey).setFlagKey(flagKey)
                .setRank(rank).setSegmentKey(segmentKey).build());
    }

    private Distribution createDistribution(String namespaceKey, String flagKey, String ruleId, String variantId, float rollout) {
        return stores.rules().createDistribution(CreateDistributionRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey).setRuleId(ruleId).setVariantId(variantId).setRollout(rollout).build());
    }

    private Rollout createThresholdRollout(String namespaceKey, String flagKey, int rank, float percentage, boolean value) {
        return stores.rollouts().createRollout(CreateRolloutRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey).setRank(rank)
                .setThreshold(RolloutThreshold.newBuilder().setPercentage(percentage).setValue(value)).build());
    }

    private Rollout createSegmentRollout(String namespaceKey, String flagKey, int rank, boolean value, String... segmentKeys) {
        RolloutSegment.Builder segment = RolloutSegment.newBuilder().setValue(value)
                .setSegmentOperator(SegmentOperator.AND_SEGMENT_OPERATOR);
        if (segmentKeys.length == 1) {
            segment.setSegmentKey(segmentKeys[0]);
        } else {
            segment.addAllSegmentKeys(List.of(segmentKeys));
        }
        return stores.rollouts().createRollout(CreateRolloutRequest.newBuilder().setNamespaceKey(namespaceKey)
                .setFlagKey(flagKey).setRank(rank).setSegment(segment).build());
    }

    private List<String> ranks(List<Rule> rules) {
        return rules.stream().map(rule -> rule.getId() + "=" + rule.getRank()).toList();
    }

    private List<String> rolloutRanks(String flagKey) {
        return stores.rollouts().listRollouts(DEFAULT, flagKey, PageRequest.all()).items().stream()
                .map(rollout -> rollout.getId() + "=" + rollout.getRank())
                .toList();
    }

    private int countRows(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static String decode(String token) {
        return new String(Base64.getDecoder().decode(token));
    }

    private static long timestampMicros(com.google.protobuf.Timestamp timestamp) {
        return timestamp.getSeconds() * 1_000_000 + timestamp.getNanos() / 1000;
    }
}
