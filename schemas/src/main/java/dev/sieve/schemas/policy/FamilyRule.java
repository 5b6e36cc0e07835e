package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.EventFamily;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one purpose receives of one event family and how long its table keeps it. Fields without a rule are
 * dropped: the default is deny.
 *
 * @param family    the event family
 * @param retention how long rows stay in the purpose's ClickHouse table
 * @param fields    rules by field name, in policy-file order
 */
public record FamilyRule(EventFamily family, Duration retention, Map<String, FieldRule> fields) {

    public FamilyRule {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(retention, "retention");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The rule for a field, or empty when the field is dropped by default. */
    public Optional<FieldRule> rule(String field) {
        return Optional.ofNullable(fields.get(field));
    }
}
