package io.fliptj.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads samples out of a Prometheus text exposition. */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    PrometheusText(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                String body = line.substring(brace + 1, line.lastIndexOf('}'));
                int index = 0;
                while (index < body.length()) {
                    int equals = body.indexOf('=', index);
                    String key = body.substring(index, equals);
                    int end = body.indexOf('"', equals + 2);
                    labels.put(key, body.substring(equals + 2, end));
                    index = end + 1;
                    if (index < body.length() && body.charAt(index) == ',') {
                        index++;
                    }
                }
            } else {
                name = line.substring(0, space);
            }
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
    }

    /** The value of the sample with exactly these labels, if present. */
    OptionalDouble value(String name, Map<String, String> labels) {
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.labels().equals(labels)) {
                return OptionalDouble.of(sample.value());
            }
        }
        return OptionalDouble.empty();
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }
}
