package dev.sieve.benchmarks.e2e;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.sdk.CommunicationChannel;
import dev.sieve.sdk.CommunicationDirection;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.ServiceAction;
import dev.sieve.sdk.ServiceLogEventBuilder;
import dev.sieve.sdk.SieveEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Events of all five families as a population of devices running a notes app sends them, built with the SDK's
 * builders. Each event is a pure function of its sequence number, so a phase can tell afterwards which family
 * (and so which tables) any of its events fed without remembering it.
 *
 * <p>The values give every privacy action real work: identifiers in every identifier field, addresses in the
 * documentation ranges (IPv4 and IPv6), URLs with tracking parameters and note numbers, searches and failure
 * messages quoting e-mail addresses, phone numbers and UUIDs.
 */
public final class MixedEvents {

    /** Families per 100 events, as the local demo sends them: logs dominate telemetry. */
    private static final EventFamily[] MIX = mix();
    private static final List<String> MODELS = List.of("Pixel 9", "Galaxy S24", "Xiaomi 14", "iPhone 16 Pro",
            "iPad Air", "MacBook Air", "ThinkPad X1 Carbon", "HUAWEI Mate 60");
    private static final List<String> OS = List.of("Android", "Android", "Android", "iOS", "iPadOS", "macOS",
            "Windows", "HarmonyOS");
    private static final List<String> OS_VERSIONS = List.of("16.0.1", "15", "14", "18.1", "18.1", "15.1",
            "10.0.26100", "5.0.1");
    private static final List<String> SEARCHES = List.of("meeting notes", "dumpling recipe", "tax receipts 2026",
            "share notebook with li.wei@example.com", "call +1 202 555 0143 about the lease", "packing list");
    private static final List<String> PAGES = List.of("/notes", "/notes/%d", "/notebooks/%d/share",
            "/settings/privacy", "/help/articles/sync-conflicts");
    private static final List<String> QUERIES = List.of("", "?utm_source=newsletter&utm_medium=email",
            "?session=9f8e7d6c5b4a39281706", "?ref=widget&fbclid=IwAR2xQe7bJ3kLm9");
    private static final List<String> FAILURES = List.of("sync timed out contacting 198.51.100.23",
            "note %s is locked by another device", "could not share notebook with wang.fang@example.com");
    private static final List<String> OTHER_SOFTWARE = List.of("com.tencent.mm", "com.android.chrome",
            "cn.wps.moffice_eng", "com.baidu.BaiduMap", "us.zoom.videomeetings", "com.amazon.kindle");
    private static final List<String> REGIONS = List.of("cn-north", "cn-east");

    private final int devices;

    /** @param devices how many devices the events come from; every tenth one is not signed in */
    public MixedEvents(int devices) {
        if (devices < 2) {
            throw new IllegalArgumentException("devices must be at least 2, got " + devices);
        }
        this.devices = devices;
    }

    /** The family of event {@code seq}: every 100 consecutive events hold the mix exactly, interleaved. */
    public static EventFamily family(long seq) {
        // 37 is prime to 100, so seq * 37 walks all 100 slots of the mix before repeating.
        return MIX[(int) Math.floorMod(seq * 37, (long) MIX.length)];
    }

    /** Event {@code seq}, with the given id and event time. */
    public SieveEvent event(long seq, String eventId, Instant eventTime) {
        SplittableRandom random = new SplittableRandom(seq);
        int device = random.nextInt(devices);
        String deviceId = String.format(Locale.ROOT, "dev-%07d", device);
        String subjectId = device % 10 == 0 ? null : String.format(Locale.ROOT, "user-%07d", device);
        String region = REGIONS.get(device % REGIONS.size());
        int model = device % MODELS.size();
        return switch (family(seq)) {
            case DEVICE -> Events.device()
                    .advertisingId(String.format(Locale.ROOT, "38400000-8cf0-11bd-b23e-%012d", device))
                    .uniqueDeviceIdentifier(model < 3 ? String.format(Locale.ROOT, "35693803%07d", device) : null)
                    .deviceModel(MODELS.get(model)).osName(OS.get(model)).osVersion(OS_VERSIONS.get(model))
                    .batteryLevel(5 + random.nextInt(96)).signalStrengthDbm(model < 4 ? -115 + random.nextInt(60) : null)
                    .networkType(random.nextBoolean() ? "wifi" : "5g")
                    .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId).region(region)
                    .build();
            case SOFTWARE -> Events.software()
                    .softwareName(random.nextInt(4) == 0 ? "notes-widget" : "notes").softwareVersion("4.3.0")
                    .installSource(model < 3 ? "google_play" : "app_store")
                    .otherSoftware(OTHER_SOFTWARE.subList(0, 2 + device % 5))
                    .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId).region(region)
                    .build();
            case IP -> Events.ip()
                    .ipAddress(device % 4 == 0
                            ? String.format(Locale.ROOT, "2001:db8:%x:%x::%x", device % 65_536, random.nextInt(65_536),
                                    1 + random.nextInt(65_000))
                            : String.format(Locale.ROOT, "203.0.113.%d", 1 + device % 254))
                    .connectionType(random.nextBoolean() ? "wifi" : "cellular")
                    .carrier(random.nextBoolean() ? "China Mobile" : null)
                    .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId).region(region)
                    .build();
            case SERVICE_LOG -> serviceLog(random, subjectId)
                    .durationMs((long) (20 + random.nextInt(3_000)))
                    .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId).region(region)
                    .build();
            case COMMUNICATION_LOG -> {
                Duration length = Duration.ofSeconds(random.nextInt(1_200));
                yield Events.communicationLog()
                        .peerAccount(random.nextInt(4) == 0 ? "+1 415 555 0177"
                                : String.format(Locale.ROOT, "user-%07d", random.nextInt(devices)))
                        .channel(length.isZero() ? CommunicationChannel.MESSAGE : CommunicationChannel.CALL)
                        .direction(random.nextBoolean() ? CommunicationDirection.OUTGOING
                                : CommunicationDirection.INCOMING)
                        .startedAt(eventTime.minus(length)).durationMs(length.toMillis())
                        .eventId(eventId).eventTime(eventTime).subjectId(subjectId).deviceId(deviceId).region(region)
                        .build();
            }
        };
    }

    private static ServiceLogEventBuilder serviceLog(SplittableRandom random, String subjectId) {
        String origin = "https://notes.example.com";
        int roll = random.nextInt(100);
        if (roll < 40) {
            return Events.serviceLog().action(ServiceAction.SEARCH).searchQuery(pick(random, SEARCHES))
                    .pageUrl(origin + "/search");
        }
        String page = String.format(Locale.ROOT, pick(random, PAGES), 1_000 + random.nextInt(99_000));
        if (roll < 85) {
            return Events.serviceLog().action(ServiceAction.VIEW).pageUrl(origin + page + pick(random, QUERIES))
                    .referrerUrl(random.nextInt(3) == 0 ? "https://www.baidu.com/s?wd=notes+app+sync" : null);
        }
        String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
        return Events.serviceLog().action(ServiceAction.FAILURE).failureCode("E_SYNC")
                .failureMessage(String.format(Locale.ROOT, pick(random, FAILURES), uuid)
                        + (subjectId != null ? " for " + subjectId : ""))
                .pageUrl(origin + page);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static EventFamily[] mix() {
        List<EventFamily> mix = new ArrayList<>();
        mix.addAll(Collections.nCopies(40, EventFamily.SERVICE_LOG));
        mix.addAll(Collections.nCopies(20, EventFamily.COMMUNICATION_LOG));
        mix.addAll(Collections.nCopies(15, EventFamily.DEVICE));
        mix.addAll(Collections.nCopies(15, EventFamily.IP));
        mix.addAll(Collections.nCopies(10, EventFamily.SOFTWARE));
        return mix.toArray(EventFamily[]::new);
    }
}
