package dev.sieve.enrich.geo;

import java.util.Objects;

/**
 * Where an address is, no finer than province or state.
 *
 * @param country     ISO 3166-1 alpha-2
 * @param subdivision ISO 3166-2 subdivision code without the country prefix, or null
 */
public record GeoLocation(String country, String subdivision) {
    public GeoLocation {
        Objects.requireNonNull(country, "country");
    }
}
