package dev.sieve.sink.model;

import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * A record the sink could not store, exactly as it was read, with why.
 *
 * @param sourceTopic topic it was read from
 * @param key         original key bytes (may be null)
 * @param value       original value bytes (may be null)
 * @param headers     original headers, kept so a replay is exact
 * @param reason      fixed-vocabulary reason
 * @param detail      for the operator: a column name, ClickHouse's redacted error; never a value
 * @param appId       the app that sent it, when the record could be read
 */
public record DeadLetter(String sourceTopic, byte[] key, byte[] value, Headers headers, DlqReason reason,
        String detail, Optional<String> appId) {

    public DeadLetter {
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(appId, "appId");
    }
}
