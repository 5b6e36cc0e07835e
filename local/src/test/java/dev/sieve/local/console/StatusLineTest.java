package dev.sieve.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.local.demo.DemoTraffic;
import dev.sieve.schemas.policy.PolicyLoader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void addsUpEachPurposesTablesAndLeavesTheSinksOwnOut() throws Exception {
        Map<String, Long> rows = Map.of("service_device", 10L, "service_service_log", 5L, "analytics_ip", 7L,
                "sink_erasure_audit", 100L);

        String line = StatusLine.format(Duration.ofSeconds(65), Optional.of(new DemoTraffic.Stats(30, 28, 1, 0)), rows,
                PolicyLoader.loadDefault());

        assertThat(line).startsWith("[   65s] demo events: 30 sent, 28 accepted, 1 rejected, 0 dropped | rows stored: 22 (")
                .contains("service 15, ").contains("analytics 7").contains("cross_service 0)");
    }

    @Test
    void withoutDemoShowsRowsOnly() throws Exception {
        assertThat(StatusLine.format(Duration.ZERO, Optional.empty(), Map.of(), PolicyLoader.loadDefault()))
                .startsWith("[    0s] rows stored: 0 (service 0, ");
    }
}
