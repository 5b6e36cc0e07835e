package dev.sieve.sink.sunset;

import java.util.Objects;

/**
 * One sunset, as the operator asked for it.
 *
 * @param sunsetId names this run in the audit table
 * @param app      the app whose rows go
 * @param mode     delete or anonymize
 * @param by       who asked
 * @param reason   why
 */
public record SunsetRequest(String sunsetId, String app, SunsetMode mode, String by, String reason) {
    public SunsetRequest {
        Objects.requireNonNull(sunsetId, "sunsetId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
    }
}
