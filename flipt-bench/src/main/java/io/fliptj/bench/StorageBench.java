package io.fliptj.bench;

import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.FlagType;
import io.fliptj.api.FliptGrpc;
import io.fliptj.api.MatchType;
import io.fliptj.api.Rule;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.evaluation.EvaluationRequest;
import io.fliptj.api.evaluation.EvaluationServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Write latency and cross-instance propagation, measured through the gRPC API of running servers.
 *
 * <ul>
 *   <li>{@code writes --target HOST:PORT [--count 200]}: in a new namespace, after 200 untimed warm-up rounds, times
 *       {@code count} CreateFlag calls, then {@code count} "rule with a 3-way distribution" changes, each on its own
 *       flag with three variants (CreateRule plus three CreateDistribution calls, timed as a whole and CreateRule
 *       alone), and prints p50/p99 of each.</li>
 *   <li>{@code propagation --writer HOST:PORT --reader HOST:PORT [--changes 100]}: toggles a boolean flag on the
 *       writer and, from the moment the write is acknowledged, evaluates it on the reader every millisecond until
 *       the change shows; prints p50/p99/max over {@code changes} changes, made at random intervals (20 to 520 ms)
 *       so they do not fall into step with the reader's polling.</li>
 * </ul>
 */
public final class StorageBench {
    private static final int WARM_UP = 200;

    private StorageBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: StorageBench writes|propagation [options]");
        }
        String target = "127.0.0.1:9000";
        String reader = null;
        int count = 200;
        for (int index = 1; index + 1 < args.length; index += 2) {
            switch (args[index]) {
                case "--target", "--writer" -> target = args[index + 1];
                case "--reader" -> reader = args[index + 1];
                case "--count", "--changes" -> count = Integer.parseInt(args[index + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[index]);
            }
        }
        switch (args[0]) {
            case "writes" -> writes(target, count);
            case "propagation" -> propagation(target, reader, count);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static ManagedChannel channel(String target) {
        return NettyChannelBuilder.forTarget(target).usePlaintext().build();
    }

    private static void writes(String target, int count) throws InterruptedException {
        ManagedChannel channel = channel(target);
        try {
            FliptGrpc.FliptBlockingStub flipt = FliptGrpc.newBlockingStub(channel);
            String namespace = "writes-" + System.currentTimeMillis();
            flipt.createNamespace(CreateNamespaceRequest.newBuilder().setKey(namespace).setName(namespace).build());
            flipt.createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(namespace).setKey("everyone").setName("Everyone")
                    .setMatchType(MatchType.ALL_MATCH_TYPE).build());
            for (int warmUp = 0; warmUp < WARM_UP; warmUp++) {
                createRuledFlag(flipt, namespace, "warm-up-" + warmUp);
                createRuleWithDistributions(flipt, namespace, "warm-up-" + warmUp);
            }
            List<Long> flags = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                long start = System.nanoTime();
                flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("flag-" + index).setName("Flag " + index)
                        .setEnabled(true).build());
                flags.add(System.nanoTime() - start);
            }
            List<Long> rules = new ArrayList<>();
            List<Long> rulesWithDistributions = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                String flagKey = "ruled-" + index;
                createRuledFlag(flipt, namespace, flagKey);
                long start = System.nanoTime();
                long ruleNanos = createRuleWithDistributions(flipt, namespace, flagKey);
                rules.add(ruleNanos);
                rulesWithDistributions.add(System.nanoTime() - start);
            }
            System.out.printf("%s: CreateFlag p50 %.2f ms p99 %.2f ms | CreateRule p50 %.2f ms p99 %.2f ms"
                            + " | rule + 3 distributions p50 %.2f ms p99 %.2f ms (%d of each)%n", target,
                    percentile(flags, 50), percentile(flags, 99), percentile(rules, 50), percentile(rules, 99),
                    percentile(rulesWithDistributions, 50), percentile(rulesWithDistributions, 99), count);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A flag with three variants, ready for a rule with a 3-way distribution. */
    private static void createRuledFlag(FliptGrpc.FliptBlockingStub flipt, String namespace, String flagKey) {
        flipt.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(flagKey).setName(flagKey).setEnabled(true).build());
        for (String key : List.of("red", "green", "blue")) {
            flipt.createVariant(CreateVariantRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(flagKey).setKey(key).build());
        }
    }

    /** Creates a rule over segment {@code everyone} with a 33.33/33.33/33.34 distribution; returns the CreateRule time. */
    private static long createRuleWithDistributions(FliptGrpc.FliptBlockingStub flipt, String namespace, String flagKey) {
        List<String> variants = flipt.getFlag(io.fliptj.api.GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(flagKey).build())
                .getVariantsList().stream().map(io.fliptj.api.Variant::getId).toList();
        long start = System.nanoTime();
        Rule rule = flipt.createRule(CreateRuleRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(flagKey)
                .setSegmentKey("everyone").setRank(1).build());
        long ruleNanos = System.nanoTime() - start;
        float[] rollouts = {33.33f, 33.33f, 33.34f};
        for (int variant = 0; variant < 3; variant++) {
            flipt.createDistribution(CreateDistributionRequest.newBuilder().setNamespaceKey(namespace).setFlagKey(flagKey)
                    .setRuleId(rule.getId()).setVariantId(variants.get(variant)).setRollout(rollouts[variant]).build());
        }
        return ruleNanos;
    }

    private static void propagation(String writerTarget, String readerTarget, int changes) throws InterruptedException {
        if (readerTarget == null) {
            throw new IllegalArgumentException("propagation needs --reader");
        }
        ManagedChannel writerChannel = channel(writerTarget);
        ManagedChannel readerChannel = channel(readerTarget);
        try {
            FliptGrpc.FliptBlockingStub writer = FliptGrpc.newBlockingStub(writerChannel);
            EvaluationServiceGrpc.EvaluationServiceBlockingStub reader = EvaluationServiceGrpc.newBlockingStub(readerChannel);
            String namespace = "propagation-" + System.currentTimeMillis();
            writer.createNamespace(CreateNamespaceRequest.newBuilder().setKey(namespace).setName(namespace).build());
            writer.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("toggle").setName("Toggle")
                    .setType(FlagType.BOOLEAN_FLAG_TYPE).setEnabled(false).build());
            EvaluationRequest request = EvaluationRequest.newBuilder().setNamespaceKey(namespace).setFlagKey("toggle")
                    .setEntityId("user-1").build();
            awaitValue(reader, request, false);
            List<Long> delays = new ArrayList<>();
            java.util.Random random = new java.util.Random(7);
            boolean enabled = false;
            for (int change = 0; change < changes; change++) {
                enabled = !enabled;
                writer.updateFlag(UpdateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("toggle").setName("Toggle")
                        .setEnabled(enabled).build());
                long acknowledged = System.nanoTime();
                awaitValue(reader, request, enabled);
                delays.add(System.nanoTime() - acknowledged);
                Thread.sleep(20 + random.nextInt(500));
            }
            System.out.printf("propagation %s -> %s: p50 %.1f ms p99 %.1f ms max %.1f ms over %d changes%n", writerTarget, readerTarget,
                    percentile(delays, 50), percentile(delays, 99), percentile(delays, 100), changes);
        } finally {
            writerChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            readerChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitValue(EvaluationServiceGrpc.EvaluationServiceBlockingStub reader, EvaluationRequest request, boolean value)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (reader.boolean_(request).getEnabled() == value) {
                    return;
                }
            } catch (io.grpc.StatusRuntimeException notYetThere) {
                if (System.nanoTime() > deadline) {
                    throw notYetThere;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("change not visible on the reader within 30 s");
            }
            Thread.sleep(1);
        }
    }

    private static double percentile(List<Long> nanos, int percentile) {
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
