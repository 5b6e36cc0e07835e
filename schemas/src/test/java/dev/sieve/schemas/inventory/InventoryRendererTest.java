package dev.sieve.schemas.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InventoryRendererTest {

    /** Committed at the repository root so readers find it without building anything. */
    private static final Path COMMITTED = Path.of("..", "docs", "processing-inventory.md");

    @Test
    void committedInventoryMatchesTheDefaultPolicy() throws Exception {
        String rendered = InventoryRenderer.render(PolicyLoader.loadDefault(), "sieve-policy.yaml");
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/processing-inventory.md is stale: run ./sieve policy render --out docs/processing-inventory.md")
                .isEqualTo(rendered);
    }

    @Test
    void inventoryNamesEveryTableWithItsRetentionAndConsent() throws Exception {
        Policy policy = PolicyLoader.loadDefault();
        String md = InventoryRenderer.render(policy, "sieve-policy.yaml");
        assertThat(md).contains("| `analytics_ip` | 365 days | `event_id` pseudonymized with a random key of this purpose that is replaced every month (UTC) and then destroyed;")
                .contains("`ip_address` truncated to /24 (IPv4), /48 (IPv6)")
                .contains("| `cross_service` | 2.other-services: With your consent:")
                .contains("asked first; only fed while given")
                .contains("| `sdk_version` | Version of the Sieve SDK that sent the event. | non personal | never stored |")
                .contains("| `analytics_ip` | `event_time`, `ip_address`, `geo_country` | 5 |")
                .contains("| `analytics_communication_log` | `started_at`, `duration_ms` | 5 |")
                .doesNotContain("| `service_device` | `event_time`")
                .contains("Purposes that see identifiers as collected: `service`, `security`, `surveys`. Purposes"
                        + " that never do: `personalization`, `product_improvement`, `advertising`, `ad_measurement`,"
                        + " `software_management`, `analytics`, `cross_service`.")
                .contains("## Free text and addresses: what scrubbing removes, and what it cannot")
                .contains("What scrubbing cannot catch: names, street addresses");
    }
}
