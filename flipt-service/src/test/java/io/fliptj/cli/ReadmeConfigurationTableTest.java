package io.fliptj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import io.fliptj.FliptConfiguration;
import io.fliptj.config.FliptServerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variable in README.md's configuration table changes the key the table names when
 * {@code config.yml} is read the way the server reads it ({@link EnvironmentOverrides} then
 * Dropwizard's {@code dw.*} overrides).
 */
class ReadmeConfigurationTableTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path CONFIGURATION = Path.of("..", "config.yml");
    private static final Pattern ROW = Pattern.compile("^\\| `(FLIPT_[A-Z_]+)` \\| `([^`]+)`.*\\|$");
    private static final ObjectMapper MAPPER = mapper();
    /** Keys the configuration never writes out (secrets), read through their getters. */
    private static final Map<String, Function<FliptConfiguration, Object>> HIDDEN = Map.of(
            "database.password", configuration -> configuration.getDatabase().getPassword(),
            "server.certKey", configuration -> ((FliptServerFactory) configuration.getServerFactory()).getCertKey());

    record Row(String variable, String key) {
        @Override
        public String toString() {
            return variable + " -> " + key;
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = Jackson.newObjectMapper();
        FliptServerFactory.registerAsDefault(mapper);
        return mapper;
    }

    static Stream<Row> rows() throws Exception {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("\n## Configuration\n"));
        section = section.substring(0, section.indexOf("\n### "));
        List<Row> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher matcher = ROW.matcher(line);
            if (matcher.matches()) {
                rows.add(new Row(matcher.group(1), matcher.group(2)));
            }
        }
        return rows.stream();
    }

    @Test
    void theTableListsTheServerVariables() throws Exception {
        assertThat(rows().map(Row::variable)).contains("FLIPT_DB_URL", "FLIPT_LOG_LEVEL", "FLIPT_SERVER_HTTP_PORT",
                "FLIPT_SERVER_HTTPS_PORT", "FLIPT_SERVER_PROTOCOL", "FLIPT_SERVER_CERT_FILE", "FLIPT_SERVER_CERT_KEY",
                "FLIPT_CORS_ENABLED", "FLIPT_CORS_ALLOWED_ORIGINS", "FLIPT_CORS_ALLOWED_HEADERS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theVariableSetsTheDocumentedKey(Row row) throws Exception {
        FliptConfiguration defaults = load(Map.of());
        JsonNode before = valueAt(defaults, row.key());
        String sample = sampleFor(row.key(), before);

        FliptConfiguration overridden = load(Map.of(row.variable(), sample));
        JsonNode after = valueAt(overridden, row.key());

        assertThat(after).as("%s at %s", row.variable(), row.key()).isNotEqualTo(before);
        assertThat(after).isEqualTo(expected(row.key(), before, sample));
    }

    private static String sampleFor(String key, JsonNode current) {
        if (key.equals("server.protocol")) {
            return "https";
        }
        if (key.equals("logging.level")) {
            return "debug";
        }
        if (key.equals("log.encoding")) {
            return "json";
        }
        if (current.isInt()) {
            return Integer.toString(current.asInt() + 1);
        }
        if (current.isBoolean()) {
            return Boolean.toString(!current.asBoolean());
        }
        if (current.isArray()) {
            return "https://a.example X-Sample";
        }
        if (current.isTextual() && isDuration(current.asText())) {
            return "1m30s";
        }
        return "sample-" + key;
    }

    private static JsonNode expected(String key, JsonNode before, String sample) {
        if (key.equals("logging.level")) {
            return MAPPER.getNodeFactory().textNode("DEBUG");
        }
        if (before.isInt()) {
            return MAPPER.getNodeFactory().numberNode(Integer.parseInt(sample));
        }
        if (before.isBoolean()) {
            return MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(sample));
        }
        if (before.isArray()) {
            return MAPPER.valueToTree(List.of(sample.split(" ")));
        }
        if (before.isTextual() && isDuration(before.asText())) {
            return MAPPER.getNodeFactory().textNode(Duration.seconds(90).toString());
        }
        return MAPPER.getNodeFactory().textNode(sample);
    }

    private static boolean isDuration(String text) {
        try {
            Duration.parse(text);
            return true;
        } catch (IllegalArgumentException notADuration) {
            return false;
        }
    }

    private static FliptConfiguration load(Map<String, String> environment) throws Exception {
        Map<String, String> properties = EnvironmentOverrides.properties(environment);
        properties.forEach(System::setProperty);
        try {
            YamlConfigurationFactory<FliptConfiguration> factory = new YamlConfigurationFactory<>(FliptConfiguration.class, null, MAPPER, "dw");
            return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                    CONFIGURATION.toString());
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    /** The value at a key such as {@code server.applicationConnectors[0].port}, normalised (durations as their canonical text). */
    private static JsonNode valueAt(FliptConfiguration configuration, String key) {
        if (HIDDEN.containsKey(key)) {
            return MAPPER.valueToTree(HIDDEN.get(key).apply(configuration));
        }
        JsonNode node = MAPPER.valueToTree(configuration);
        for (String part : key.split("\\.")) {
            Matcher indexed = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(part);
            node = indexed.matches() ? node.path(indexed.group(1)).path(Integer.parseInt(indexed.group(2))) : node.path(part);
        }
        if (node.isTextual() && isDuration(node.asText())) {
            return MAPPER.getNodeFactory().textNode(normalise(Duration.parse(node.asText())));
        }
        return node;
    }

    private static String normalise(Duration duration) {
        return Duration.nanoseconds(duration.toNanoseconds()).toNanoseconds() % 1_000_000_000L == 0
                ? Duration.seconds(duration.toSeconds()).toString()
                : duration.toString();
    }
}
