package io.fliptj.storage.sql;

import io.fliptj.storage.NamespaceWrite;
import java.util.Optional;

/**
 * The text of a change notice: the namespace key, then, for a write that advanced the namespace's version, the
 * version and (for a write confined to one flag) the flag key, separated by newlines (keys never contain one:
 * the API refuses them). A notice that does not parse is treated as "this namespace changed".
 */
final class ChangeNotices {
    /** An encoded notice. */
    record Payload(String text) {
    }

    /** A decoded notice. */
    record Notice(String namespaceKey, Optional<NamespaceWrite> write) {
    }

    private ChangeNotices() {
    }

    static Payload encode(String namespaceKey, Optional<NamespaceWrite> write) {
        if (write.isEmpty() || namespaceKey.indexOf('\n') >= 0) {
            return new Payload(namespaceKey);
        }
        NamespaceWrite change = write.get();
        StringBuilder text = new StringBuilder(namespaceKey).append('\n').append(change.firstVersion());
        if (change.firstVersion() != change.lastVersion()) {
            text.append('-').append(change.lastVersion());
        }
        change.flagKey().filter(flag -> flag.indexOf('\n') < 0).ifPresent(flag -> text.append('\n').append(flag));
        return new Payload(text.toString());
    }

    static Notice decode(String text) {
        String[] parts = text.split("\n", 3);
        if (parts.length < 2) {
            return new Notice(text, Optional.empty());
        }
        try {
            String[] range = parts[1].split("-", 2);
            long first = Long.parseLong(range[0]);
            long last = range.length == 2 ? Long.parseLong(range[1]) : first;
            Optional<String> flagKey = parts.length == 3 ? Optional.of(parts[2]) : Optional.empty();
            return new Notice(parts[0], Optional.of(new NamespaceWrite(first, last, flagKey)));
        } catch (IllegalArgumentException malformed) {
            return new Notice(parts[0], Optional.empty());
        }
    }
}
