package io.fliptj.features;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.fliptj.api.Constraint;
import io.fliptj.api.CreateConstraintRequest;
import io.fliptj.api.CreateDistributionRequest;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.CreateRolloutRequest;
import io.fliptj.api.CreateRuleRequest;
import io.fliptj.api.CreateSegmentRequest;
import io.fliptj.api.CreateVariantRequest;
import io.fliptj.api.DeleteFlagRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.api.DeleteSegmentRequest;
import io.fliptj.api.Distribution;
import io.fliptj.api.Flag;
import io.fliptj.api.FlagList;
import io.fliptj.api.Namespace;
import io.fliptj.api.NamespaceList;
import io.fliptj.api.Rollout;
import io.fliptj.api.RolloutList;
import io.fliptj.api.Rule;
import io.fliptj.api.RuleList;
import io.fliptj.api.Segment;
import io.fliptj.api.SegmentList;
import io.fliptj.api.UpdateFlagRequest;
import io.fliptj.api.Variant;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link FeatureApi} over the REST API of a running server ({@code /api/v1}), authenticated with a client token
 * when one is given. Error responses become {@link ApiException}s with the server's code and message.
 */
public final class RestFeatureApi implements FeatureApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_SIZE = 100;

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();

    /** @param address the server's HTTP address, e.g. {@code http://localhost:8080} */
    public RestFeatureApi(String address, String token) {
        requireNonNull(address, "address is null");
        String trimmed = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("address must start with http:// or https://: " + address);
        }
        this.base = URI.create(trimmed);
        this.token = token == null ? "" : token;
    }

    @Override
    public Optional<Namespace> findNamespace(String key) {
        try {
            return Optional.of(send("GET", "/api/v1/namespaces/" + segment(key), null, Namespace.newBuilder()));
        } catch (ApiException error) {
            if (error.code() == 5) {
                return Optional.empty();
            }
            throw error;
        }
    }

    @Override
    public List<Namespace> listNamespaces() {
        return pages("/api/v1/namespaces", NamespaceList::newBuilder, NamespaceList::getNamespacesList, NamespaceList::getNextPageToken);
    }

    @Override
    public Namespace createNamespace(CreateNamespaceRequest request) {
        return send("POST", "/api/v1/namespaces", request, Namespace.newBuilder());
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest request) {
        send("DELETE", "/api/v1/namespaces/" + segment(request.getKey()) + (request.getForce() ? "?force=true" : ""), null, null);
    }

    @Override
    public List<Flag> listFlags(String namespaceKey) {
        return pages(namespace(namespaceKey) + "/flags", FlagList::newBuilder, FlagList::getFlagsList, FlagList::getNextPageToken);
    }

    @Override
    public List<Segment> listSegments(String namespaceKey) {
        return pages(namespace(namespaceKey) + "/segments", SegmentList::newBuilder, SegmentList::getSegmentsList,
                SegmentList::getNextPageToken);
    }

    @Override
    public List<Rule> listRules(String namespaceKey, String flagKey) {
        return pages(namespace(namespaceKey) + "/flags/" + segment(flagKey) + "/rules", RuleList::newBuilder, RuleList::getRulesList,
                RuleList::getNextPageToken);
    }

    @Override
    public List<Rollout> listRollouts(String namespaceKey, String flagKey) {
        return pages(namespace(namespaceKey) + "/flags/" + segment(flagKey) + "/rollouts", RolloutList::newBuilder,
                RolloutList::getRulesList, RolloutList::getNextPageToken);
    }

    @Override
    public Flag createFlag(CreateFlagRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/flags", request, Flag.newBuilder());
    }

    @Override
    public Flag updateFlag(UpdateFlagRequest request) {
        return send("PUT", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getKey()), request, Flag.newBuilder());
    }

    @Override
    public void deleteFlag(DeleteFlagRequest request) {
        send("DELETE", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getKey()), null, null);
    }

    @Override
    public Variant createVariant(CreateVariantRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getFlagKey()) + "/variants", request,
                Variant.newBuilder());
    }

    @Override
    public Segment createSegment(CreateSegmentRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/segments", request, Segment.newBuilder());
    }

    @Override
    public void deleteSegment(DeleteSegmentRequest request) {
        send("DELETE", namespace(request.getNamespaceKey()) + "/segments/" + segment(request.getKey()), null, null);
    }

    @Override
    public Constraint createConstraint(CreateConstraintRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/segments/" + segment(request.getSegmentKey()) + "/constraints",
                request, Constraint.newBuilder());
    }

    @Override
    public Rule createRule(CreateRuleRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getFlagKey()) + "/rules", request,
                Rule.newBuilder());
    }

    @Override
    public Distribution createDistribution(CreateDistributionRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getFlagKey()) + "/rules/"
                + segment(request.getRuleId()) + "/distributions", request, Distribution.newBuilder());
    }

    @Override
    public Rollout createRollout(CreateRolloutRequest request) {
        return send("POST", namespace(request.getNamespaceKey()) + "/flags/" + segment(request.getFlagKey()) + "/rollouts", request,
                Rollout.newBuilder());
    }

    private static String namespace(String namespaceKey) {
        return "/api/v1/namespaces/" + segment(namespaceKey.isEmpty() ? "default" : namespaceKey);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <L extends Message, T> List<T> pages(String path, Supplier<Message.Builder> builder, Function<L, List<T>> items,
            Function<L, String> nextPageToken) {
        List<T> all = new ArrayList<>();
        String pageToken = "";
        do {
            String query = "?limit=" + PAGE_SIZE + (pageToken.isEmpty() ? "" : "&pageToken=" + segment(pageToken));
            @SuppressWarnings("unchecked")
            L page = (L) send("GET", path + query, null, builder.get());
            all.addAll(items.apply(page));
            pageToken = nextPageToken.apply(page);
        } while (!pageToken.isEmpty());
        return all;
    }

    @SuppressWarnings("unchecked")
    private <T extends Message> T send(String method, String path, Message body, Message.Builder response) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(printer.print(body)));
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw error(answer);
            }
            if (response == null) {
                return null;
            }
            parser.merge(answer.body(), response);
            return (T) response.build();
        } catch (InvalidProtocolBufferException error) {
            throw new ApiException(-1, method + " " + path + ": unexpected answer: " + error.getMessage(), error);
        } catch (IOException error) {
            throw new ApiException(14, method + " " + base + path + ": " + error.getMessage(), error);
        } catch (InterruptedException error) {
            Thread.currentThread().interrupt();
            throw new ApiException(1, "interrupted", error);
        }
    }

    private static ApiException error(HttpResponse<String> answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body != null && body.has("message")) {
                return new ApiException(body.path("code").asInt(-1), body.path("message").asText());
            }
        } catch (IOException notJson) {
            // the body is not the API's error document; report the status below
        }
        return new ApiException(-1, "HTTP " + answer.statusCode() + ": " + answer.body());
    }
}
