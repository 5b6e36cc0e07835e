package dev.sieve.sdk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What every event builder has: the per-event part of the envelope. Each setter checks its argument and
 * names it in the exception; {@code build()} checks that the family's required fields are set.
 *
 * @param <B> the concrete builder, so setters chain
 */
public abstract class EventBuilder<B extends EventBuilder<B>> {

    /** The collector's rule for event ids, checked here so a bad one fails at the call, not as a rejection later. */
    public static final int MAX_EVENT_ID_LENGTH = 128;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[!-~]+");

    private final Clock clock;
    private String eventId;
    private Instant eventTime;
    private String subjectId;
    private String deviceId;
    private String region;

    EventBuilder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The family's wire name. */
    abstract String family();

    /** The family's fields by wire name; throws {@link IllegalStateException} naming a missing required one. */
    abstract Map<String, Object> fields();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the event id, 1 to {@value #MAX_EVENT_ID_LENGTH} visible ASCII characters (a UUID, say); by default a
     * random UUID is chosen when the event is built. Enrich drops repeats by it: one id per event, kept on retries.
     */
    public B eventId(String eventId) {
        requireText(eventId, "eventId");
        if (eventId.length() > MAX_EVENT_ID_LENGTH || !VISIBLE_ASCII.matcher(eventId).matches()) {
            throw new IllegalArgumentException("eventId must be 1 to " + MAX_EVENT_ID_LENGTH + " visible ASCII"
                    + " characters (no spaces or control characters), such as a UUID");
        }
        this.eventId = eventId;
        return self();
    }

    /** Sets when the event happened (kept to the millisecond); by default, when it is built. */
    public B eventTime(Instant eventTime) {
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime").truncatedTo(ChronoUnit.MILLIS);
        return self();
    }

    /** Sets the signed-in account the event is about; null for none. */
    public B subjectId(String subjectId) {
        this.subjectId = subjectId;
        return self();
    }

    /** Sets the device id for this event, instead of the client's; null to use the client's. */
    public B deviceId(String deviceId) {
        this.deviceId = deviceId;
        return self();
    }

    /** Sets the storage region for this event, instead of the client's; null to use the client's. */
    public B region(String region) {
        this.region = region;
        return self();
    }

    /**
     * The event.
     *
     * @throws IllegalStateException if a required field of the family is not set (the message names it)
     */
    public SieveEvent build() {
        Map<String, Object> fields = fields();
        fields.values().removeIf(Objects::isNull);
        return new SieveEvent(family(), eventId != null ? eventId : UUID.randomUUID().toString(),
                eventTime != null ? eventTime : clock.instant().truncatedTo(ChronoUnit.MILLIS), subjectId, deviceId,
                region, fields);
    }

    /** A new map for {@link #fields()}, keeping the order fields are put in. */
    static Map<String, Object> newFields() {
        return new LinkedHashMap<>();
    }

    static <T> T required(T value, String setter, String family) {
        if (value == null) {
            throw new IllegalStateException(setter + " is required for a " + family + " event");
        }
        return value;
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
