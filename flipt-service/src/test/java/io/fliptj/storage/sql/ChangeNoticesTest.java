package io.fliptj.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.fliptj.storage.NamespaceWrite;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeNoticesTest {
    private static ChangeNotices.Notice roundTrip(String namespaceKey, Optional<NamespaceWrite> write) {
        return ChangeNotices.decode(ChangeNotices.encode(namespaceKey, write).text());
    }

    @Test
    void writesSurviveTheRoundTrip() {
        NamespaceWrite flagWrite = new NamespaceWrite(1_700_000_000_000_001L, 1_700_000_000_000_001L, Optional.of("new-banner"));
        NamespaceWrite wideWrite = new NamespaceWrite(41, 43, Optional.empty());

        assertThat(roundTrip("team", Optional.of(flagWrite))).isEqualTo(new ChangeNotices.Notice("team", Optional.of(flagWrite)));
        assertThat(roundTrip("team", Optional.of(wideWrite))).isEqualTo(new ChangeNotices.Notice("team", Optional.of(wideWrite)));
        assertThat(roundTrip("team", Optional.empty())).isEqualTo(new ChangeNotices.Notice("team", Optional.empty()));
    }

    @Test
    void malformedNoticesOnlyNameTheNamespace() {
        assertThat(ChangeNotices.decode("team\nnot-a-number\nflag")).isEqualTo(new ChangeNotices.Notice("team", Optional.empty()));
        assertThat(ChangeNotices.decode("team\n9-3")).isEqualTo(new ChangeNotices.Notice("team", Optional.empty()));
        assertThat(ChangeNotices.decode("")).isEqualTo(new ChangeNotices.Notice("", Optional.empty()));
    }
}
