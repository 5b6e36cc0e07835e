package dev.sieve.local.demo;

import dev.sieve.local.demo.DemoValues.Failure;
import dev.sieve.local.demo.DemoValues.Kind;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.sdk.CommunicationChannel;
import dev.sieve.sdk.CommunicationDirection;
import dev.sieve.sdk.CommunicationLogEventBuilder;
import dev.sieve.sdk.DeviceEventBuilder;
import dev.sieve.sdk.EventBuilder;
import dev.sieve.sdk.Events;
import dev.sieve.sdk.IpEventBuilder;
import dev.sieve.sdk.ServiceAction;
import dev.sieve.sdk.ServiceLogEventBuilder;
import dev.sieve.sdk.SieveEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes the demo's events, of all five families, through the SDK's own builders: what a population of devices
 * running a notes app would send. Pure: the same population, random sequence and clock give the same events
 * (the SDK picks each event id).
 *
 * <p>Values are as apps send them, a little untidy where apps are: some devices spell their OS as
 * {@code iPhone OS} or decorate its version, some clocks run ahead, searches and failure messages quote e-mail
 * addresses, phone numbers, card numbers and account ids, page URLs carry tracking parameters and note numbers.
 * Enrich and anonymize are there to deal with exactly that.
 */
final class DemoEvents {

    /** How often each family is sent, out of 100. */
    private static final List<EventFamily> FAMILY_MIX = mix();
    private static final String APP_ORIGIN = "https://notes.example.com";
    private static final double UNTIDY = 0.08;

    private final Population population;

    DemoEvents(Population population) {
        this.population = population;
    }

    /** The device's next event, of a family drawn from the mix. */
    SieveEvent next(SimulatedDevice device, Random random, Instant now) {
        return event(DemoValues.pick(random, FAMILY_MIX), device, random, now);
    }

    /** An event of {@code family} from {@code device}. */
    SieveEvent event(EventFamily family, SimulatedDevice device, Random random, Instant now) {
        // Sent a moment after it happened, as batching SDKs do; a wrong clock adds its skew.
        Instant happened = now.minusMillis(random.nextInt(2_000)).plus(device.clockSkew());
        return switch (family) {
            case DEVICE -> envelope(device(device, random), device, happened).build();
            case SOFTWARE -> envelope(Events.software()
                    .softwareName(DemoValues.pick(random, DemoValues.SOFTWARE_NAMES))
                    .softwareVersion(device.appVersion())
                    .installSource(device.installSource())
                    .otherSoftware(device.otherSoftware()), device, happened).build();
            case IP -> envelope(ip(device, random), device, happened).build();
            case SERVICE_LOG -> envelope(serviceLog(device, random), device, happened).build();
            case COMMUNICATION_LOG -> envelope(communication(device, random, happened), device, happened).build();
        };
    }

    private static <B extends EventBuilder<B>> B envelope(B builder, SimulatedDevice device, Instant happened) {
        return builder.eventTime(happened).subjectId(device.subjectId().orElse(null)).deviceId(device.deviceId())
                .region(device.region());
    }

    private static DeviceEventBuilder device(SimulatedDevice d, Random random) {
        Kind kind = d.model().kind();
        boolean untidy = random.nextDouble() < UNTIDY;
        String osName = untidy && d.model().osName().equals("iOS") ? "iPhone OS" : d.model().osName();
        String osVersion = untidy ? " v" + d.osVersion() + " (build " + (100 + random.nextInt(900)) + ")"
                : d.osVersion();
        boolean onBattery = kind != Kind.TV && !(kind == Kind.DESKTOP && d.model().osName().equals("Windows")
                && random.nextBoolean());
        boolean radio = kind == Kind.PHONE || (kind == Kind.TABLET && d.carrier().isPresent());
        return Events.device()
                .advertisingId(d.advertisingId().orElse(null))
                .uniqueDeviceIdentifier(d.hardwareId().orElse(null))
                .deviceModel(d.model().model())
                .osName(osName)
                .osVersion(osVersion)
                .batteryLevel(onBattery ? 5 + random.nextInt(96) : null)
                .signalStrengthDbm(radio ? -115 + random.nextInt(60) : null)
                .networkType(network(kind, d, random));
    }

    private static String network(Kind kind, SimulatedDevice d, Random random) {
        if (d.carrier().isPresent() && random.nextDouble() < 0.6) {
            return random.nextDouble() < 0.4 ? "5g" : "4g";
        }
        return kind == Kind.DESKTOP || kind == Kind.TV ? (random.nextBoolean() ? "wifi" : "ethernet") : "wifi";
    }

    private static IpEventBuilder ip(SimulatedDevice d, Random random) {
        boolean cellular = d.carrier().isPresent() && random.nextDouble() < 0.4;
        return Events.ip()
                .ipAddress(cellular ? Population.address(random) : d.homeAddress())
                .connectionType(cellular ? "cellular" : d.model().kind() == Kind.DESKTOP ? "ethernet" : "wifi")
                .carrier(cellular ? d.carrier().get() : null);
    }

    private ServiceLogEventBuilder serviceLog(SimulatedDevice d, Random random) {
        double roll = random.nextDouble();
        ServiceLogEventBuilder b = Events.serviceLog();
        if (roll < 0.4) {
            b.action(ServiceAction.SEARCH).searchQuery(DemoValues.pick(random, DemoValues.SEARCHES))
                    .pageUrl(APP_ORIGIN + "/search");
        } else if (roll < 0.85) {
            b.action(ServiceAction.VIEW)
                    .pageUrl(APP_ORIGIN + numbered(DemoValues.pick(random, DemoValues.PAGES), random)
                            + DemoValues.pick(random, DemoValues.QUERY_STRINGS))
                    .referrerUrl(random.nextDouble() < 0.3 ? DemoValues.pick(random, DemoValues.REFERRERS) : null);
        } else {
            Failure failure = DemoValues.pick(random, DemoValues.FAILURES);
            b.action(ServiceAction.FAILURE).failureCode(failure.code())
                    .failureMessage(numbered(failure.message(), random)
                            .replace("{subject}", d.subjectId().orElse(d.deviceId()))
                            .replace("{uuid}", Population.uuid(random)))
                    .pageUrl(APP_ORIGIN + numbered(DemoValues.pick(random, DemoValues.PAGES), random));
        }
        return b.durationMs((long) (20 + random.nextInt(3_000)));
    }

    private CommunicationLogEventBuilder communication(SimulatedDevice d, Random random,
            Instant happened) {
        double roll = random.nextDouble();
        CommunicationChannel channel = roll < 0.35 ? CommunicationChannel.CALL
                : roll < 0.85 ? CommunicationChannel.MESSAGE : CommunicationChannel.VIDEO;
        Duration length = switch (channel) {
            case CALL -> Duration.ofSeconds(5 + random.nextInt(20 * 60));
            case MESSAGE -> Duration.ZERO;
            case VIDEO -> Duration.ofSeconds(60 + random.nextInt(45 * 60));
        };
        return Events.communicationLog()
                .peerAccount(peer(d, random))
                .channel(channel)
                .direction(random.nextBoolean() ? CommunicationDirection.OUTGOING : CommunicationDirection.INCOMING)
                .startedAt(happened.minus(length))
                .durationMs(length.toMillis());
    }

    /** Mostly another user of the app, sometimes someone outside it; never the user themself. */
    private String peer(SimulatedDevice d, Random random) {
        if (random.nextDouble() < 0.75 && population.accounts().size() > 1) {
            String peer;
            do {
                peer = DemoValues.pick(random, population.accounts());
            } while (d.subjectId().filter(peer::equals).isPresent());
            return peer;
        }
        return DemoValues.pick(random, DemoValues.EXTERNAL_PEERS);
    }

    private static String numbered(String template, Random random) {
        return template.replace("{n}", String.format(Locale.ROOT, "%d", 1_000 + random.nextInt(99_000)));
    }

    private static List<EventFamily> mix() {
        List<EventFamily> mix = new ArrayList<>();
        add(mix, EventFamily.SERVICE_LOG, 40);
        add(mix, EventFamily.COMMUNICATION_LOG, 20);
        add(mix, EventFamily.DEVICE, 15);
        add(mix, EventFamily.IP, 15);
        add(mix, EventFamily.SOFTWARE, 10);
        return List.copyOf(mix);
    }

    private static void add(List<EventFamily> mix, EventFamily family, int share) {
        for (int i = 0; i < share; i++) {
            mix.add(family);
        }
    }
}
