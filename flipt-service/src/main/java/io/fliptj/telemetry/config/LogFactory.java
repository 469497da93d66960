package io.fliptj.telemetry.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.validation.ValidationMethod;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code log}: Flipt's logging keys, applied on top of Dropwizard's {@code logging} section.
 * {@code level} (when set) replaces {@code logging.level}; {@code encoding: json} writes every
 * log appender's lines as JSON objects with Flipt's keys ({@code T} time, {@code L} level,
 * {@code M} message) and the request fields at the top level.
 */
public final class LogFactory {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "ALL");

    private String level;
    private String encoding = "console";

    /** The level to use instead of {@code logging.level}, upper case; {@code null} when not set. */
    @JsonProperty
    public String getLevel() {
        return level;
    }

    @JsonProperty
    public void setLevel(String level) {
        this.level = level == null || level.isBlank() ? null : level.trim().toUpperCase(Locale.ROOT);
    }

    @JsonProperty
    public String getEncoding() {
        return encoding;
    }

    @JsonProperty
    public void setEncoding(String encoding) {
        this.encoding = encoding == null || encoding.isBlank() ? "console" : encoding.trim().toLowerCase(Locale.ROOT);
    }

    @JsonIgnore
    public boolean isJson() {
        return encoding.equals("json");
    }

    @JsonIgnore
    @ValidationMethod(message = "log.encoding must be console or json")
    public boolean isEncodingKnown() {
        return encoding.equals("console") || encoding.equals("json");
    }

    @JsonIgnore
    @ValidationMethod(message = "log.level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF")
    public boolean isLevelKnown() {
        return level == null || LEVELS.contains(level);
    }

    /**
     * Applies {@code level} and {@code encoding} to Dropwizard's logging settings; idempotent.
     * An appender already given a JSON layout in {@code logging} keeps it.
     */
    public void applyTo(LoggingFactory loggingFactory) {
        if (!(loggingFactory instanceof DefaultLoggingFactory settings)) {
            return;
        }
        if (level != null) {
            settings.setLevel(level);
        }
        if (!isJson()) {
            return;
        }
        for (AppenderFactory<ILoggingEvent> appender : settings.getAppenders()) {
            if (appender instanceof AbstractAppenderFactory<ILoggingEvent> configurable
                    && !(configurable.getLayout() instanceof EventJsonLayoutBaseFactory)) {
                configurable.setLayout(jsonLayout());
            }
        }
    }

    private static EventJsonLayoutBaseFactory jsonLayout() {
        EventJsonLayoutBaseFactory layout = new EventJsonLayoutBaseFactory();
        layout.setCustomFieldNames(Map.of("timestamp", "T", "level", "L", "message", "M"));
        layout.setFlattenMdc(true);
        layout.setTimestampFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        return layout;
    }
}
