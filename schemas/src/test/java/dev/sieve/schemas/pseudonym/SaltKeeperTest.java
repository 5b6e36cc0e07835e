package dev.sieve.schemas.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.Rotation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SaltKeeperTest {

    private static final Map<String, Set<Rotation>> ANALYTICS_MONTHLY = Map.of("analytics", Set.of(Rotation.MONTH));
    private static final Duration OVERLAP = Duration.ofDays(1);

    @Test
    void theDefaultPolicyRotatesAnalyticsMonthly() throws Exception {
        assertThat(SaltKeeper.rotations(PolicyLoader.loadDefault())).isEqualTo(ANALYTICS_MONTHLY);
    }

    @Test
    void createsTheCurrentAndNextPeriodAheadThenDestroysAPeriodAfterItsOverlap() {
        Map<String, PeriodSalt> live = new HashMap<>();
        SaltKeeper.Changes first = SaltKeeper.plan(live, ANALYTICS_MONTHLY, OVERLAP,
                Instant.parse("2026-12-05T12:00:00Z"));
        assertThat(first.create()).extracting(SaltKeeper.Wanted::key)
                .containsExactly("analytics/m2026-12", "analytics/m2027-01");
        assertThat(first.destroy()).isEmpty();
        first.create().forEach(w -> live.put(w.key(), salt(w)));

        assertThat(SaltKeeper.plan(live, ANALYTICS_MONTHLY, OVERLAP, Instant.parse("2026-12-31T23:59:59Z")).isEmpty())
                .as("nothing to do until the year turns").isTrue();

        SaltKeeper.Changes january = SaltKeeper.plan(live, ANALYTICS_MONTHLY, OVERLAP,
                Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(january.create()).extracting(SaltKeeper.Wanted::key).containsExactly("analytics/m2027-02");
        assertThat(january.destroy()).as("December still serves late events for a day").isEmpty();
        january.create().forEach(w -> live.put(w.key(), salt(w)));

        SaltKeeper.Changes afterOverlap = SaltKeeper.plan(live, ANALYTICS_MONTHLY, OVERLAP,
                Instant.parse("2027-01-02T00:00:00Z"));
        assertThat(afterOverlap.create()).isEmpty();
        assertThat(afterOverlap.destroy()).containsExactly("analytics/m2026-12");
    }

    private static PeriodSalt salt(SaltKeeper.Wanted w) {
        return PeriodSalt.newBuilder().setPurpose(w.purpose()).setPeriod(w.period().id())
                .setStartsAt(w.period().start()).setEndsAt(w.period().end()).setSalt(ByteBuffer.wrap(new byte[32]))
                .setCreatedAt(Instant.EPOCH).build();
    }
}
