package io.fliptj.bench;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.api.ComparisonType;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.MatchType;
import io.fliptj.api.Rule;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.config.DatabaseUrl;
import io.fliptj.core.evaluation.NamespaceSnapshot;
import io.fliptj.evaluation.EvaluationStates;
import io.fliptj.evaluation.NamespaceSnapshots;
import io.fliptj.storage.EvaluationState;
import io.fliptj.storage.Stores;
import io.fliptj.storage.sql.Migrations;
import io.fliptj.storage.sql.SqlStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Times the rebuild of one namespace's evaluation snapshot (reading the namespace from the database and
 * compiling it: what a write that concerns several flags, or a change made by another instance, costs), and
 * the patch that a write confined to one flag costs instead. Seeds the namespace through the
 * stores the first time (each flag: 2 variants, a rule over one of 10 shared segments, a 50/50
 * distribution), so repeated runs against the same database reuse it.
 *
 * <p>Usage: {@code java -cp flipt-bench.jar io.fliptj.bench.RebuildBench --url file:/tmp/rebuild.db --flags 10000}
 */
public final class RebuildBench {
    private static final int SEGMENTS = 10;
    private static final int RUNS = 15;

    private RebuildBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = "file:rebuild.db";
        int flags = 10_000;
        for (int index = 0; index + 1 < args.length; index += 2) {
            switch (args[index]) {
                case "--url" -> url = args[index + 1];
                case "--flags" -> flags = Integer.parseInt(args[index + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[index]);
            }
        }
        DatabaseUrl database = DatabaseUrl.parse(url, null, null);
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass(database.driverClass());
        factory.setUrl(database.jdbcUrl());
        factory.setUser(database.user());
        factory.setPassword(database.password());
        factory.setProperties(database.properties());
        ManagedDataSource dataSource = factory.build(new MetricRegistry(), "rebuild");
        try {
            Migrations.migrate(dataSource);
            Stores stores = SqlStores.create(Jdbi.create(dataSource), database.dialect());
            String namespace = "rebuild-" + flags;
            if (stores.evaluation().namespaceVersion(namespace).isEmpty()) {
                seed(stores, namespace, flags);
            }
            measure(stores, namespace, flags, database);
        } finally {
            dataSource.stop();
        }
    }

    private static void seed(Stores stores, String namespace, int flags) {
        long start = System.nanoTime();
        stores.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey(namespace).setName(namespace).build());
        for (int segment = 0; segment < SEGMENTS; segment++) {
            String key = "segment-" + segment;
            stores.segments().createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(namespace).setKey(key).setName(key)
                    .setMatchType(MatchType.ALL_MATCH_TYPE).build());
            stores.segments().createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(namespace).setSegmentKey(key)
                    .setType(ComparisonType.STRING_COMPARISON_TYPE).setProperty("plan").setOperator("eq").setValue("plan-" + segment).build());
            stores.segments().createConstraint(CreateConstraintRequest.newBuilder().setNamespaceKey(namespace).setSegmentKey(key)
                    .setType(ComparisonType.NUMBER_COMPARISON_TYPE).setProperty("age").setOperator("gte").setValue("18").build());
        }
        for (int flag = 0; flag < flags; flag++) {
            String key = "flag-" + flag;
            stores.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(key).setName(key).setEnabled(true).build());
            List<String> variants = new ArrayList<>();
            for (String variant : List.of("on", "off")) {
                variants.add(stores.flags().createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(key)
                        .setKey(variant).setAttachment("{\"variant\":\"" + variant + "\"}").build()).getId());
            }
            Rule rule = stores.rules().createRule(CreateRuleRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(key).setRank(1)
                    .setSegmentKey("segment-" + (flag % SEGMENTS)).build());
            for (String variant : variants) {
                stores.rules().createDistribution(CreateDistributionRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(key)
                        .setRuleId(rule.getId()).setVariantId(variant).setRollout(50).build());
            }
            if ((flag + 1) % 1000 == 0) {
                System.out.printf("seeded %d flags (%.0f s)%n", flag + 1, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void measure(Stores stores, String namespace, int flags, DatabaseUrl database) {
        List<Long> loads = new ArrayList<>();
        List<Long> compiles = new ArrayList<>();
        List<Long> rebuilds = new ArrayList<>();
        NamespaceSnapshots snapshots = new NamespaceSnapshots(stores.evaluation(), Duration.ofHours(1));
        for (int run = 0; run < RUNS + 5; run++) {
            long start = System.nanoTime();
            EvaluationState state = stores.evaluation().loadEvaluationState(namespace).orElseThrow();
            long loaded = System.nanoTime();
            NamespaceSnapshot.compile(EvaluationStates.toNamespace(state));
            long compiled = System.nanoTime();
            snapshots.namespaceChanged(namespace);
            long rebuilt = System.nanoTime();
            if (run >= 5) {
                loads.add(loaded - start);
                compiles.add(compiled - loaded);
                rebuilds.add(rebuilt - compiled);
            }
        }
        System.out.printf("%s, %d flags: load median %.1f ms (max %.1f), compile median %.1f ms (max %.1f), "
                        + "whole rebuild median %.1f ms (max %.1f), over %d runs after 5 warm-up runs%n",
                database.dialect(), flags, median(loads), max(loads), median(compiles), max(compiles), median(rebuilds), max(rebuilds), RUNS);
        List<Long> writes = new ArrayList<>();
        List<Long> patches = new ArrayList<>();
        for (int run = 0; run < 5 * RUNS; run++) {
            long start = System.nanoTime();
            stores.flags().updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("flag-" + run)
                    .setName("renamed " + run).setEnabled(run % 2 == 0).build());
            long written = System.nanoTime();
            snapshots.namespaceChanged(namespace);
            long patched = System.nanoTime();
            if (run >= RUNS) {
                writes.add(written - start);
                patches.add(patched - written);
            }
        }
        System.out.printf("%s, %d flags: UpdateFlag in the store median %.2f ms (max %.2f), then patching the snapshot median %.2f ms"
                        + " (max %.2f), over %d writes after %d warm-up writes%n",
                database.dialect(), flags, median(writes), max(writes), median(patches), max(patches), 4 * RUNS, RUNS);
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static double max(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
}
