package dev.sieve.schemas.policy;

import java.util.Objects;

/**
 * A storage region (policy 6.1): events of subjects in this region are only stored in this region's ClickHouse.
 *
 * @param id      region id carried by every event's envelope
 * @param country ISO 3166-1 alpha-2 country the region's storage is in
 */
public record Region(String id, String country) {
    public Region {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
    }
}
