package dev.sieve.sdk;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One telemetry event, immutable, made by the builders in {@link Events}. It holds what the app said about
 * this event; the client adds what it knows about the app (app id and version, SDK version, default region
 * and device) when it sends the event.
 *
 * <p>Field names are the collector's wire names (the Avro field names of the event's family), so what an
 * event holds is exactly what goes on the wire.
 */
public final class SieveEvent {

    private final String family;
    private final String eventId;
    private final Instant eventTime;
    private final String subjectId;
    private final String deviceId;
    private final String region;
    private final Map<String, Object> fields;

    SieveEvent(String family, String eventId, Instant eventTime, String subjectId, String deviceId, String region,
            Map<String, Object> fields) {
        this.family = Objects.requireNonNull(family, "family");
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        this.subjectId = subjectId;
        this.deviceId = deviceId;
        this.region = region;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The event family's wire name, e.g. {@code service_log}. */
    public String family() {
        return family;
    }

    /** Random UUID unless the app chose one; the pipeline de-duplicates by it. */
    public String eventId() {
        return eventId;
    }

    /** When the event happened, at millisecond precision. */
    public Instant eventTime() {
        return eventTime;
    }

    /** The signed-in account, or null. */
    public String subjectId() {
        return subjectId;
    }

    /** This event's device id, or null to use the client's. */
    public String deviceId() {
        return deviceId;
    }

    /** This event's storage region, or null to use the client's. */
    public String region() {
        return region;
    }

    /**
     * The family's own fields by wire name, in the order they were set; null values are left out. Values are
     * {@link String}, {@link Integer}, {@link Long}, {@link Instant}, {@code List<String>} or an enum.
     */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Family and event id only: events carry identifiers, which must not end up in logs. */
    @Override
    public String toString() {
        return "SieveEvent[" + family + " " + eventId + "]";
    }
}
