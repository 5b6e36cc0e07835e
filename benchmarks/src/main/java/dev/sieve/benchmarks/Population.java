package dev.sieve.benchmarks;

import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.ServiceAction;
import dev.sieve.schemas.event.ServiceLogEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Enriched events of many devices, as {@link AnonymizeStepBenchmark} reads them: every identifier a function of the
 * device, every event its own id and time, and the free text and URLs of service logs carrying the device's own
 * contacts, phone numbers, note numbers and tokens, so a memo keyed by value sees the repetition real traffic has and
 * no more.
 */
final class Population {

    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final String[] MODELS = {"Pixel 9", "Galaxy S24", "Xiaomi 14", "iPhone 16 Pro"};
    private static final String[] OS = {"Android", "Android", "Android", "iOS"};
    private static final String[] OS_VERSIONS = {"16.0.1", "15", "14", "18.1"};

    private Population() {}

    static DeviceEvent device(int seq, int device) {
        int model = device % MODELS.length;
        return DeviceEvent.newBuilder()
                .setEnvelope(envelope(seq, device))
                .setAdvertisingId(String.format(Locale.ROOT, "38400000-8cf0-11bd-b23e-%012d", device))
                .setUniqueDeviceIdentifier(String.format(Locale.ROOT, "35693803%07d", device))
                .setDeviceModel(MODELS[model])
                .setDeviceClass("phone")
                .setOsName(OS[model])
                .setOsVersion(OS_VERSIONS[model])
                .setBatteryLevel(5 + seq % 95)
                .setSignalStrengthDbm(-115 + seq % 60)
                .setNetworkType(seq % 2 == 0 ? "wifi" : "5g")
                .build();
    }

    static ServiceLogEvent serviceLog(int seq, int device, SplittableRandom random) {
        String contact = String.format(Locale.ROOT, "friend%d@example.com", random.nextInt(1_000_000));
        String phone = String.format(Locale.ROOT, "138%08d", random.nextInt(100_000_000));
        String query = switch (random.nextInt(4)) {
            case 0 -> "call " + contact + " about " + phone;
            case 1 -> "share notebook with " + contact;
            case 2 -> "meeting notes " + (2020 + random.nextInt(7));
            default -> "dumpling recipe";
        };
        return ServiceLogEvent.newBuilder()
                .setEnvelope(envelope(seq, device))
                .setAction(ServiceAction.SEARCH)
                .setSearchQuery(query)
                .setPageUrl(String.format(Locale.ROOT, "https://app.example.com/notes/%d?token=%016x#top",
                        1_000 + random.nextInt(99_000), random.nextLong()))
                .setReferrerUrl(String.format(Locale.ROOT, "https://ads.example.net/c?utm_source=news&uid=%d",
                        device))
                .setFailureCode(null)
                .setFailureMessage(null)
                .setDurationMs((long) (20 + random.nextInt(3_000)))
                .build();
    }

    private static Envelope envelope(int seq, int device) {
        Instant eventTime = START.plusMillis(seq * 37L);
        return Envelope.newBuilder()
                .setEventId(String.format(Locale.ROOT, "0b6c6f5e-0000-4000-8000-%012d", seq))
                .setEventTime(eventTime)
                .setReceivedTime(eventTime.plusMillis(250))
                .setAppId("notes")
                .setAppVersion("4.2.1")
                .setSdkVersion("0.1.0")
                .setRegion(device % 2 == 0 ? "cn-north" : "cn-east")
                .setSubjectId(String.format(Locale.ROOT, "user-%07d", device))
                .setDeviceId(String.format(Locale.ROOT, "dev-%07d", device))
                .setGeoCountry("CN")
                .setGeoSubdivision("BJ")
                .build();
    }
}
