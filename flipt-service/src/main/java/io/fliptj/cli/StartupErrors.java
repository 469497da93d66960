package io.fliptj.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line reason a server cannot start. Configuration errors name the setting, the value
 * given (where there is one) and the {@code FLIPT_*} variable that sets it, e.g.
 * {@code config.yml: server.applicationConnectors[0].port (FLIPT_SERVER_HTTP_PORT) = 70000: must be between 1 and 65535}.
 */
public final class StartupErrors {
    private static final Pattern FILE = Pattern.compile("^(.*) has (?:an error|the following errors):");
    private static final Pattern LEADING_PATH = Pattern.compile("^([\\w.\\[\\]]+)[ :]");
    private static final Pattern PATH = Pattern.compile("at: ([\\w.\\[\\]]+)");
    private static final Map<String, String> VARIABLES_BY_PATH = variablesByPath();

    private StartupErrors() {
        throw new AssertionError("no instances");
    }

    private static Map<String, String> variablesByPath() {
        Map<String, String> variables = new HashMap<>();
        EnvironmentOverrides.mapping().forEach((variable, path) -> variables.putIfAbsent(path, variable));
        return Map.copyOf(variables);
    }

    public static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConfigurationValidationException validation) {
                return file(validation) + violations(validation);
            }
            if (cause instanceof ConfigurationException parsing) {
                return file(parsing) + parsingErrors(parsing);
            }
        }
        StringBuilder reason = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
                reason.append(": ").append(cause.getMessage());
            }
        }
        return withVariable(oneLine(reason.toString()));
    }

    /** Names the variable of a message that starts with a setting's path ({@code database.url: ...}). */
    private static String withVariable(String message) {
        Matcher matcher = LEADING_PATH.matcher(message);
        if (matcher.find() && VARIABLES_BY_PATH.containsKey(matcher.group(1))) {
            return matcher.group(1) + variableOf(matcher.group(1)) + message.substring(matcher.end(1));
        }
        return message;
    }

    private static String file(ConfigurationException error) {
        Matcher matcher = FILE.matcher(String.valueOf(error.getMessage()));
        return matcher.find() ? matcher.group(1) + ": " : "";
    }

    private static String violations(ConfigurationValidationException error) {
        List<String> problems = new ArrayList<>();
        error.getConstraintViolations().stream()
                .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .forEach(violation -> problems.add(violation(violation)));
        return String.join("; ", problems);
    }

    private static String violation(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        Object value = violation.getInvalidValue();
        boolean showValue = value instanceof CharSequence || value instanceof Number || value instanceof Enum<?>
                || value instanceof io.dropwizard.util.Duration || value instanceof io.dropwizard.util.DataSize;
        String message = violation.getMessage();
        if (message.startsWith(path + " ")) {
            message = message.substring(path.length() + 1);
        }
        return path + variableOf(path) + (showValue ? " = " + quoted(value) : "") + ": " + message;
    }

    private static String parsingErrors(ConfigurationException error) {
        List<String> problems = new ArrayList<>();
        for (String problem : error.getErrors()) {
            problems.add(parsingError(problem));
        }
        String detail = String.join("; ", problems);
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping && !(cause instanceof UnrecognizedPropertyException)) {
                String original = oneLine(mapping.getOriginalMessage());
                if (!detail.contains(original)) {
                    detail = detail + ": " + original;
                }
                break;
            }
        }
        return detail;
    }

    private static String parsingError(String problem) {
        StringBuilder text = new StringBuilder();
        List<String> suggestions = new ArrayList<>();
        boolean inSuggestions = false;
        for (String rawLine : problem.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("at [Source")) {
                continue;
            }
            if (line.equals("Did you mean?:")) {
                inSuggestions = true;
            } else if (inSuggestions && line.startsWith("- ")) {
                suggestions.add(line.substring(2));
            } else {
                text.append(text.length() == 0 ? "" : " ").append(line);
            }
        }
        String described = text.toString().replace(".[", "[");
        Matcher matcher = PATH.matcher(described);
        if (matcher.find()) {
            described = described.substring(0, matcher.end()) + variableOf(matcher.group(1)) + described.substring(matcher.end());
        }
        if (!suggestions.isEmpty()) {
            described = described + " (did you mean: " + String.join(", ", suggestions) + "?)";
        }
        return described;
    }

    private static String variableOf(String path) {
        String variable = VARIABLES_BY_PATH.get(path);
        return variable == null ? "" : " (" + variable + ")";
    }

    private static String quoted(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String oneLine(String text) {
        String withoutLocation = text.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
                .replaceAll("\\s*\\(through reference chain:[^)]*\\)", "");
        return withoutLocation.replaceAll("\\s+", " ").trim();
    }
}
