package dev.sieve.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a batch of events into the collector's wire format, adding the envelope fields the client knows:
 *
 * <pre>
 * {"events":[{"family":"device","event":{"envelope":{"event_id":...,"event_time":...,...},"device_model":...}}]}
 * </pre>
 */
final class BatchEncoder {

    private final String appId;
    private final String appVersion;
    private final String sdkVersion;
    private final String defaultRegion;
    private final String defaultDeviceId;
    private final boolean gzip;

    BatchEncoder(String appId, String appVersion, String sdkVersion, String defaultRegion, String defaultDeviceId,
            boolean gzip) {
        this.appId = appId;
        this.appVersion = appVersion;
        this.sdkVersion = sdkVersion;
        this.defaultRegion = defaultRegion;
        this.defaultDeviceId = defaultDeviceId;
        this.gzip = gzip;
    }

    boolean gzip() {
        return gzip;
    }

    /** The request body: JSON, gzipped when the client is configured so. */
    byte[] encode(List<SieveEvent> events) {
        byte[] json = json(events).getBytes(StandardCharsets.UTF_8);
        if (!gzip) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json);
        } catch (IOException e) {
            // In-memory streams do not fail.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String json(List<SieveEvent> events) {
        StringBuilder sb = new StringBuilder(256 * events.size() + 16);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject().name("events").beginArray();
        for (SieveEvent e : events) {
            w.beginObject().name("family").value(e.family()).name("event").beginObject();
            w.name("envelope").beginObject();
            w.name("event_id").value(e.eventId());
            w.name("event_time").value(e.eventTime());
            w.name("app_id").value(appId);
            w.name("app_version").value(appVersion);
            w.name("sdk_version").value(sdkVersion);
            w.name("region").value(e.region() != null ? e.region() : defaultRegion);
            if (e.subjectId() != null) {
                w.name("subject_id").value(e.subjectId());
            }
            String deviceId = e.deviceId() != null ? e.deviceId() : defaultDeviceId;
            if (deviceId != null) {
                w.name("device_id").value(deviceId);
            }
            w.endObject();
            w.fields(e.fields());
            w.endObject().endObject();
        }
        w.endArray().endObject();
        return sb.toString();
    }
}
