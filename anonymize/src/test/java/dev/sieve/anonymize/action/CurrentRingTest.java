package dev.sieve.anonymize.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.pseudonym.KeyRing;
import dev.sieve.schemas.pseudonym.KeyRings;
import dev.sieve.schemas.pseudonym.PseudonymKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrentRingTest {

    private static KeyRing ring(String keyId) {
        return KeyRing.of("analytics", List.of(new PseudonymKey(keyId, Instant.EPOCH,
                ("secret of " + keyId + ", at least thirty-two bytes long").getBytes(StandardCharsets.UTF_8))));
    }

    /** Rings that change when told to, as keys re-read from {@code keys.dir} do. */
    private static final class Rereading implements KeyRings {
        private Map<String, KeyRing> current;

        @Override
        public Map<String, KeyRing> current() {
            return current;
        }

        @Override
        public Map<String, KeyRing> reread() {
            return current;
        }
    }

    @Test
    void givesThePurposesRingOfTheRingsAsTheyAreNowAndFollowsARereading() {
        Rereading rings = new Rereading();
        KeyRing first = ring("k1");
        rings.current = Map.of("analytics", first, "other", ring("o1"));
        CurrentRing current = new CurrentRing(rings, "analytics");

        assertThat(current.get()).isSameAs(first);
        assertThat(current.get()).isSameAs(first);

        KeyRing reread = ring("k2");
        rings.current = Map.of("analytics", reread);
        assertThat(current.get()).as("the ring of the map read again").isSameAs(reread);

        rings.current = Map.of("other", ring("o2"));
        assertThat(current.get()).as("a purpose whose keys were removed has no ring").isNull();
    }
}
