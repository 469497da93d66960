package io.fliptj.e2e;

import static io.fliptj.e2e.ApiAssertions.assertFails;
import static io.grpc.Status.Code.INVALID_ARGUMENT;
import static io.grpc.Status.Code.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fliptj.FliptConfiguration;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.Flag;
import io.fliptj.api.GetFlagRequest;
import io.fliptj.api.GetSegmentRequest;
import io.fliptj.api.ListFlagRequest;
import io.fliptj.api.ListNamespaceRequest;
import io.fliptj.api.ListSegmentRequest;
import io.fliptj.api.Namespace;
import io.fliptj.api.Segment;
import io.fliptj.api.Variant;
import io.fliptj.core.evaluation.GoStrings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys carrying quotes, SQL or path metacharacters are refused with Flipt's validation message and
 * leave the data untouched; where Flipt accepts any string (variant keys, lookups) they are stored
 * and echoed verbatim.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class KeySafetyTest {
    private static final DropwizardAppExtension<FliptConfiguration> APP = E2eServer.extension();
    private static final Transports TRANSPORTS = new Transports(APP);
    private static final List<String> HOSTILE_KEYS = List.of(
            "x\"; DROP TABLE flags; --",
            "' OR '1'='1",
            "key'--",
            "a;b",
            "a%27b",
            "../../etc/passwd",
            "with space",
            "tab\tkey",
            "nul\u0000key",
            "ключ",
            "emoji-\uD83D\uDE80",
            "back\\slash",
            "per.iod",
            "a/b");

    static Stream<FliptApi> transports() {
        return TRANSPORTS.all();
    }

    @AfterAll
    static void closeClients() {
        TRANSPORTS.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void hostileFlagAndSegmentKeysAreRejected(FliptApi api) {
        String namespace = Fixtures.namespace(api);
        Fixtures.variantFlag(api, namespace, "existing");
        Fixtures.segment(api, namespace, "existing");

        for (String key : HOSTILE_KEYS) {
            assertFails(() -> api.createFlag(CreateFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(key).setName("n").build()),
                    INVALID_ARGUMENT, "invalid field key: contains invalid characters");
            assertFails(() -> api.createSegment(CreateSegmentRequest.newBuilder().setNamespaceKey(namespace).setKey(key).setName("n").build()),
                    INVALID_ARGUMENT, "invalid field key: contains invalid characters");
        }

        assertThat(api.listFlags(ListFlagRequest.newBuilder().setNamespaceKey(namespace).build()).getFlagsList())
                .extracting(Flag::getKey).containsExactly("existing");
        assertThat(api.listSegments(ListSegmentRequest.newBuilder().setNamespaceKey(namespace).build()).getSegmentsList())
                .extracting(Segment::getKey).containsExactly("existing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void hostileNamespaceKeysAreRejected(FliptApi api) {
        List<String> before = namespaceKeys(api);

        for (String key : HOSTILE_KEYS) {
            assertFails(() -> api.createNamespace(CreateNamespaceRequest.newBuilder().setKey(key).setName("n").build()),
                    INVALID_ARGUMENT, "invalid field key: contains invalid characters");
        }

        assertThat(namespaceKeys(api)).containsExactlyElementsOf(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void hostileLookupsFindNothing(FliptApi api) {
        String namespace = Fixtures.namespace(api);
        Fixtures.variantFlag(api, namespace, "existing");

        for (String key : List.of("x\"; DROP TABLE flags; --", "' OR '1'='1", "existing' --", "_xisting", "exist*")) {
            assertFails(() -> api.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(key).build()),
                    NOT_FOUND, "flag " + GoStrings.quote(namespace + "/" + key) + " not found");
            assertFails(() -> api.getSegment(GetSegmentRequest.newBuilder().setNamespaceKey(namespace).setKey(key).build()),
                    NOT_FOUND, "segment " + GoStrings.quote(namespace + "/" + key) + " not found");
        }

        assertThat(api.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("existing").build()).getKey()).isEqualTo("existing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void percentSignInKeyIsLookedUpLiterally(FliptApi api) {
        String namespace = Fixtures.namespace(api);
        Fixtures.variantFlag(api, namespace, "existing");

        for (String key : List.of("%", "exist%", "100%25")) {
            assertFails(() -> api.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey(key).build()),
                    NOT_FOUND, "flag " + GoStrings.quote(namespace + "/" + key) + " not found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void variantKeysAreStoredVerbatim(FliptApi api) {
        String namespace = Fixtures.namespace(api);
        Fixtures.variantFlag(api, namespace, "verbatim");
        String key = "'); DELETE FROM variants; -- \"quoted\"";

        Variant variant = Fixtures.variant(api, namespace, "verbatim", key);

        assertThat(variant.getKey()).isEqualTo(key);
        Flag flag = api.getFlag(GetFlagRequest.newBuilder().setNamespaceKey(namespace).setKey("verbatim").build());
        assertThat(flag.getVariantsList()).extracting(Variant::getKey).containsExactly(key);
    }

    private static List<String> namespaceKeys(FliptApi api) {
        return api.listNamespaces(ListNamespaceRequest.getDefaultInstance()).getNamespacesList().stream().map(Namespace::getKey).toList();
    }
}
