package dev.sieve.ingest.config;

import java.util.Map;
import java.util.Objects;

/**
 * Each app's {@link Rate}: its own where configured ({@code apps.<app-id>.events-per-second} and {@code .burst}),
 * else the collector's default ({@code limits.app-events-per-second}, {@code limits.app-burst}).
 *
 * @param defaultRate the rate of apps without their own
 * @param byApp       apps' own rates, by app id
 */
public record RateLimits(Rate defaultRate, Map<String, Rate> byApp) {

    public RateLimits {
        Objects.requireNonNull(defaultRate, "defaultRate");
        byApp = Map.copyOf(byApp);
    }

    /** Every app at {@link Rate#defaults()}. */
    public static RateLimits defaults() {
        return new RateLimits(Rate.defaults(), Map.of());
    }

    public Rate of(String appId) {
        return byApp.getOrDefault(appId, defaultRate);
    }
}
