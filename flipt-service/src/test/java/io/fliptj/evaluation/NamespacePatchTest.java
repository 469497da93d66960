package io.fliptj.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.api.ComparisonType;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteRuleRequest;
import io.fliptj.api.DeleteVariantRequest;
import io.fliptj.api.FlagType;
import io.fliptj.api.MatchType;
import io.fliptj.api.OrderRulesRequest;
import io.fliptj.api.RolloutThreshold;
import io.fliptj.api.Rule;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.UpdateSegmentRequest;
import io.fliptj.api.Variant;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.EvaluationStore;
import io.fliptj.storage.FlagStates;
import io.fliptj.storage.NamespaceWrite;
import io.fliptj.storage.Stores;
import io.fliptj.storage.sql.Dialect;
import io.fliptj.storage.sql.Migrations;
import io.fliptj.storage.sql.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes confined to one flag are patched into the loaded namespace instead of reloading it, and the patched
 * state is exactly what a full reload gives: same stored state, same compiled snapshot source. Writes that
 * concern several flags (segments) and writes this instance did not record reload the whole namespace.
 */
class NamespacePatchTest {
    private static final String NAMESPACE = "default";

    private ManagedDataSource dataSource;
    private Stores stores;
    private final AtomicInteger fullLoads = new AtomicInteger();
    private NamespaceSnapshots snapshots;

    /** The SQL evaluation store, counting whole-namespace loads. */
    private record CountingStore(EvaluationStore delegate, AtomicInteger fullLoads) implements EvaluationStore {
        @Override
        public Optional<String> namespaceVersion(String namespaceKey) {
            return delegate.namespaceVersion(namespaceKey);
        }

        @Override
        public Optional<EvaluationState> loadEvaluationState(String namespaceKey) {
            fullLoads.incrementAndGet();
            return delegate.loadEvaluationState(namespaceKey);
        }

        @Override
        public Optional<NamespaceWrite> lastWriteByCurrentThread(String namespaceKey) {
            return delegate.lastWriteByCurrentThread(namespaceKey);
        }

        @Override
        public Optional<FlagStates> loadFlags(String namespaceKey, Set<String> flagKeys) {
            return delegate.loadFlags(namespaceKey, flagKeys);
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path file = Files.createTempFile("patch", ".db");
        file.toFile().deleteOnExit();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.sqlite.JDBC");
        factory.setUrl("jdbc:sqlite:" + file);
        dataSource = factory.build(new MetricRegistry(), "patch");
        Migrations.migrate(dataSource);
        stores = SqlStores.create(Jdbi.create(dataSource), Dialect.SQLITE);
        snapshots = new NamespaceSnapshots(new CountingStore(stores.evaluation(), fullLoads), Duration.ofHours(1));
        for (String segment : List.of("pro", "beta")) {
            stores.segments().createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey(segment).setName(segment)
                    .setMatchType(MatchType.ALL_MATCH_TYPE).build());
            stores.segments().createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(NAMESPACE).setSegmentKey(segment)
                    .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("plan").setOperator("eq").setValue(segment).build());
        }
        for (int flag = 0; flag < 5; flag++) {
            createVariantFlag("flag-" + flag, () -> { });
        }
        snapshots.preload(List.of(NAMESPACE));
        fullLoads.set(0);
    }

    @AfterEach
    void stop() throws Exception {
        dataSource.stop();
    }

    /** Creates a flag with two variants and a 50/50 rule, one API call at a time, running {@code afterEach} after each. */
    private void createVariantFlag(String key, Runnable afterEach) {
        stores.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey(key).setName(key).setEnabled(true).build());
        afterEach.run();
        List<String> variants = new ArrayList<>();
        for (String variant : List.of("a", "b")) {
            variants.add(stores.flags().createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey(key)
                    .setKey(variant).setAttachment("{\"v\":\"" + variant + "\"}").build()).getId());
            afterEach.run();
        }
        Rule rule = stores.rules().createRule(CreateRuleRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey(key).setRank(1)
                .addSegmentKeys("pro").addSegmentKeys("beta").build());
        afterEach.run();
        for (String variant : variants) {
            stores.rules().createDistribution(CreateDistributionRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey(key)
                    .setRuleId(rule.getId()).setVariantId(variant).setRollout(50).build());
            afterEach.run();
        }
    }

    /** A write through the stores followed by the notification the API gives after every write. */
    private void write(Runnable change) {
        change.run();
        snapshots.namespaceChanged(NAMESPACE);
    }

    private void assertMatchesFullReload() {
        CachedNamespace patched = snapshots.get(NAMESPACE);
        EvaluationState fresh = stores.evaluation().loadEvaluationState(NAMESPACE).orElseThrow();

        assertThat(patched.version()).isEqualTo(fresh.version());
        assertThat(patched.state()).isEqualTo(fresh);
        assertThat(patched.snapshot().source()).isEqualTo(NamespaceSnapshot.compile(EvaluationStates.toNamespace(fresh)).source());
        assertThat(patched.etag()).isEqualTo(NamespaceSnapshots.etagOf(fresh.version()));
    }

    @Test
    void singleFlagWritesArePatchedAndEqualAFullReload() {
        createVariantFlag("added", () -> snapshots.namespaceChanged(NAMESPACE));
        write(() -> stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("flag-2")
                .setName("Renamed").setEnabled(false).build()));
        write(() -> stores.flags().deleteFlag(DeleteFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("flag-0").build()));
        Variant doomed = stores.flags().getFlag(NAMESPACE, "flag-3").getVariants(0);
        write(() -> stores.flags().deleteVariant(DeleteVariantRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey("flag-3")
                .setId(doomed.getId()).build()));
        Rule second = stores.rules().createRule(CreateRuleRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey("flag-4").setRank(2)
                .setSegmentKey("pro").build());
        snapshots.namespaceChanged(NAMESPACE);
        String first = stores.rules().listRules(NAMESPACE, "flag-4", io.fliptj.storage.PageRequest.all()).items().get(0).getId();
        write(() -> stores.rules().orderRules(OrderRulesRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey("flag-4")
                .addRuleIds(second.getId()).addRuleIds(first).build()));
        write(() -> stores.rules().deleteRule(DeleteRuleRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey("flag-4")
                .setId(first).build()));
        write(() -> stores.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("toggle").setName("Toggle")
                .setType(FlagType.BOOLEAN_FLAG_TYPE).build()));
        write(() -> stores.rollouts().createRollout(CreateRolloutRequest.newBuilder().setNamespaceKey(NAMESPACE).setFlagKey("toggle")
                .setRank(1).setThreshold(RolloutThreshold.newBuilder().setPercentage(30).setValue(true)).build()));

        assertThat(fullLoads).hasValue(0);
        assertMatchesFullReload();
    }

    @Test
    void writesToSegmentsReloadTheWholeNamespace() {
        write(() -> stores.segments().updateSegment(UpdateSegmentRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("beta")
                .setName("Beta").setMatchType(MatchType.ANY_MATCH_TYPE).build()));

        assertThat(fullLoads).hasValue(1);
        assertMatchesFullReload();
    }

    @Test
    void aWriteThisInstanceDidNotSeeForcesAFullReload() {
        stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("flag-1")
                .setName("Elsewhere").setEnabled(false).build());
        write(() -> stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey("flag-2")
                .setName("Here").setEnabled(false).build()));

        assertThat(fullLoads).hasValue(1);
        assertMatchesFullReload();
        assertThat(snapshots.get(NAMESPACE).state().flags()).anyMatch(flag -> flag.getName().equals("Elsewhere"));
    }

    @Test
    void randomSequencesOfSingleFlagWritesStayEqualToAFullReload() {
        Random random = new Random(42);
        int created = 0;
        for (int step = 0; step < 60; step++) {
            String key = "flag-" + random.nextInt(5);
            switch (random.nextInt(4)) {
                case 0 -> {
                    String added = "random-" + created++;
                    createVariantFlag(added, () -> snapshots.namespaceChanged(NAMESPACE));
                    assertMatchesFullReload();
                }
                case 1 -> write(() -> stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(NAMESPACE).setKey(key)
                        .setName("name " + random.nextInt()).setEnabled(random.nextBoolean()).build()));
                case 2 -> write(() -> stores.flags().createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(NAMESPACE)
                        .setFlagKey(key).setKey("v" + random.nextInt(1_000_000)).build()));
                default -> write(() -> stores.rules().createRule(CreateRuleRequest.newBuilder().setNamespaceKey(NAMESPACE)
                        .setFlagKey(key).setRank(stores.rules().listRules(NAMESPACE, key, io.fliptj.storage.PageRequest.all()).items().size() + 1)
                        .setSegmentKey(random.nextBoolean() ? "pro" : "beta").build()));
            }
            assertMatchesFullReload();
        }
        assertThat(fullLoads).hasValue(0);
    }
}
