package io.fliptj.telemetry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.fliptj.cli.EnvironmentOverrides;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults, Flipt's keys and variables, and validation of the {@code metrics}, {@code tracing} and {@code log} sections. */
class TelemetryConfigTest {
    private static <T> T parse(Class<T> type, String yaml) throws Exception {
        return new YamlConfigurationFactory<>(type, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    @Test
    void defaultsAreFlipts() {
        assertThat(new MetricsFactory().isEnabled()).isTrue();
        assertThat(new MetricsFactory().getExporter()).isEqualTo("prometheus");
        TracingFactory tracing = new TracingFactory();
        assertThat(tracing.isEnabled()).isFalse();
        assertThat(tracing.getSamplingRatio()).isEqualTo(1.0);
        assertThat(tracing.getPropagators()).containsExactly("tracecontext", "baggage");
        assertThat(tracing.getOtlp().getEndpoint()).isEqualTo("localhost:4317");
        assertThat(new LogFactory().getEncoding()).isEqualTo("console");
        assertThat(new LogFactory().getLevel()).isNull();
    }

    @Test
    void readsFliptsSnakeCaseTracingKeys() throws Exception {
        TracingFactory tracing = parse(TracingFactory.class, """
                enabled: true
                exporter: otlp
                sampling_ratio: 0.25
                propagators: [b3multi, jaeger]
                otlp:
                  endpoint: http://collector:4318
                  headers: {x-api-key: secret}
                """);
        assertThat(tracing.isEnabled()).isTrue();
        assertThat(tracing.getSamplingRatio()).isEqualTo(0.25);
        assertThat(tracing.getPropagators()).containsExactly("b3multi", "jaeger");
        assertThat(tracing.getOtlp().getHeaders()).containsEntry("x-api-key", "secret");
    }

    @Test
    void rejectsWhatIsNotSupported() {
        assertThatThrownBy(() -> parse(TracingFactory.class, "sampling_ratio: 1.5\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("sampling_ratio should be a number between 0 and 1");
        assertThatThrownBy(() -> parse(TracingFactory.class, "exporter: jaeger\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("tracing.exporter must be otlp");
        assertThatThrownBy(() -> parse(TracingFactory.class, "propagators: [tracecontext, xray]\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("tracing.propagators may only contain");
        assertThatThrownBy(() -> parse(MetricsFactory.class, "exporter: otlp\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("metrics.exporter must be prometheus");
        assertThatThrownBy(() -> parse(LogFactory.class, "encoding: xml\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("log.encoding must be console or json");
        assertThatThrownBy(() -> parse(LogFactory.class, "level: loud\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("log.level must be one of");
    }

    @Test
    void logSectionOverridesDropwizardsLevelAndLayout() throws Exception {
        LogFactory log = parse(LogFactory.class, "level: debug\nencoding: json\n");
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setLevel("WARN");

        log.applyTo(logging);
        log.applyTo(logging);

        assertThat(logging.getLevel()).isEqualTo("DEBUG");
        List<AppenderFactory<ILoggingEvent>> appenders = logging.getAppenders();
        assertThat(appenders).isNotEmpty().allSatisfy(appender ->
                assertThat(((AbstractAppenderFactory<ILoggingEvent>) appender).getLayout()).isInstanceOf(EventJsonLayoutBaseFactory.class));
    }

    @Test
    void consoleEncodingLeavesDropwizardsLayoutAlone() throws Exception {
        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        parse(LogFactory.class, "encoding: console\n").applyTo(logging);
        assertThat(logging.getLevel()).isEqualTo("INFO");
        assertThat(((AbstractAppenderFactory<ILoggingEvent>) logging.getAppenders().get(0)).getLayout()).isNull();
    }

    @Test
    void mapsFliptsVariables() {
        assertThat(EnvironmentOverrides.properties(Map.of(
                "FLIPT_LOG_ENCODING", "json",
                "FLIPT_METRICS_ENABLED", "false",
                "FLIPT_TRACING_ENABLED", "true",
                "FLIPT_TRACING_SAMPLING_RATIO", "0.5",
                "FLIPT_TRACING_PROPAGATORS", "tracecontext b3",
                "FLIPT_TRACING_OTLP_ENDPOINT", "http://collector:4318")))
                .containsOnly(
                        Map.entry("dw.log.encoding", "json"),
                        Map.entry("dw.metrics.enabled", "false"),
                        Map.entry("dw.tracing.enabled", "true"),
                        Map.entry("dw.tracing.samplingRatio", "0.5"),
                        Map.entry("dw.tracing.propagators", "tracecontext,b3"),
                        Map.entry("dw.tracing.otlp.endpoint", "http://collector:4318"));
    }
}
