package dev.sieve.local.demo;

import dev.sieve.local.demo.DemoValues.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The demo's devices, their users and who consents to what. The same seed and sizes give the same population,
 * identifiers included, so a demo can be rerun and compared.
 *
 * <p>About seven users for every ten devices: most devices have someone signed in, some users have several
 * devices, some devices nobody. Most users were asked for consent to each purpose that needs it and about half
 * of those agreed; some were never asked. Devices without a user may carry a consent of their own.
 *
 * @param devices  every device
 * @param accounts every user's account id, those without a device included (they are still called and messaged)
 * @param consents the consents on file
 */
record Population(List<SimulatedDevice> devices, List<String> accounts, List<Consent> consents) {

    /**
     * A consent on file: of a user ({@code subjectId}) or, when nobody is signed in, of a device.
     *
     * @param purposes the purposes agreed to; empty for someone asked who agreed to none
     */
    record Consent(Optional<String> subjectId, Optional<String> deviceId, List<String> purposes) {
        Consent {
            purposes = List.copyOf(purposes);
        }
    }

    private static final double SIGNED_OUT = 0.15;
    private static final double ASKED_USER = 0.8;
    private static final double AGREED_USER = 0.5;
    private static final double ASKED_DEVICE = 0.5;
    private static final double AGREED_DEVICE = 0.3;
    private static final double IPV6 = 0.2;
    private static final double LIMITED_AD_TRACKING = 0.25;
    private static final double WRONG_CLOCK = 0.02;
    private static final Duration WRONG_CLOCK_AHEAD = Duration.ofHours(2);

    Population {
        devices = List.copyOf(devices);
        accounts = List.copyOf(accounts);
        consents = List.copyOf(consents);
    }

    /**
     * @param regions         the policy's storage regions; every user lives in one
     * @param consentPurposes the purposes that need consent
     */
    static Population generate(long seed, int deviceCount, List<String> regions, List<String> consentPurposes) {
        Objects.requireNonNull(regions, "regions");
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("regions must not be empty");
        }
        Random random = new Random(seed);
        int userCount = Math.max(1, deviceCount * 7 / 10);
        List<String> accounts = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (int i = 0; i < userCount; i++) {
            accounts.add(unique(taken, () -> String.format(Locale.ROOT, "user-%06d", random.nextInt(1_000_000))));
        }
        List<SimulatedDevice> devices = new ArrayList<>();
        List<Consent> consents = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            Optional<String> subject = random.nextDouble() < SIGNED_OUT ? Optional.empty()
                    : Optional.of(accounts.get(random.nextInt(userCount)));
            // A user's region is where their account lives, so all their devices share it.
            String region = subject.map(s -> regions.get(Math.floorMod(s.hashCode(), regions.size())))
                    .orElseGet(() -> DemoValues.pick(random, regions));
            SimulatedDevice device = device(random, taken, subject, region);
            devices.add(device);
            if (subject.isEmpty() && random.nextDouble() < ASKED_DEVICE) {
                consents.add(new Consent(Optional.empty(), Optional.of(device.deviceId()),
                        agreed(random, consentPurposes, AGREED_DEVICE)));
            }
        }
        for (String account : accounts) {
            if (random.nextDouble() < ASKED_USER) {
                consents.add(new Consent(Optional.of(account), Optional.empty(),
                        agreed(random, consentPurposes, AGREED_USER)));
            }
        }
        return new Population(devices, accounts, consents);
    }

    private static SimulatedDevice device(Random random, Set<String> taken, Optional<String> subject, String region) {
        Model model = DemoValues.pick(random, DemoValues.MODELS);
        String deviceId = unique(taken, () -> String.format(Locale.ROOT, "dev-%012x", random.nextLong() & 0xffffffffffffL));
        Optional<String> advertisingId = random.nextDouble() < LIMITED_AD_TRACKING ? Optional.empty()
                : Optional.of(uuid(random));
        Optional<String> hardwareId = model.hardwareId()
                ? Optional.of(String.format(Locale.ROOT, "35%013d", Math.floorMod(random.nextLong(), 10_000_000_000_000L)))
                : Optional.empty();
        boolean mobile = model.kind() == DemoValues.Kind.PHONE || (model.kind() == DemoValues.Kind.TABLET
                && random.nextBoolean());
        List<String> others = new ArrayList<>(DemoValues.OTHER_SOFTWARE);
        Collections.shuffle(others, random);
        return new SimulatedDevice(deviceId, subject, region, model, DemoValues.pick(random, model.osVersions()),
                DemoValues.pick(random, DemoValues.APP_VERSIONS), advertisingId, hardwareId, address(random),
                mobile ? Optional.of(DemoValues.pick(random, DemoValues.CARRIERS)) : Optional.empty(),
                DemoValues.pick(random, DemoValues.INSTALL_SOURCES), others.subList(0, 2 + random.nextInt(5)),
                random.nextDouble() < WRONG_CLOCK ? WRONG_CLOCK_AHEAD : Duration.ZERO);
    }

    /** An address from a documentation range: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32. */
    static String address(Random random) {
        if (random.nextDouble() < IPV6) {
            return String.format(Locale.ROOT, "2001:db8:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000),
                    1 + random.nextInt(0xfffe));
        }
        String network = DemoValues.pick(random, List.of("192.0.2.", "198.51.100.", "203.0.113."));
        return network + (1 + random.nextInt(254));
    }

    static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xf000L) | 0x4000L,
                (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
    }

    private static List<String> agreed(Random random, List<String> purposes, double probability) {
        List<String> agreed = new ArrayList<>();
        for (String purpose : purposes) {
            if (random.nextDouble() < probability) {
                agreed.add(purpose);
            }
        }
        return agreed;
    }

    private static String unique(Set<String> taken, Supplier<String> candidates) {
        String id;
        do {
            id = candidates.get();
        } while (!taken.add(id));
        return id;
    }

    /** Sizes only: the population is made of identifiers. */
    @Override
    public String toString() {
        return "Population[" + devices.size() + " devices, " + accounts.size() + " users, " + consents.size()
                + " consents]";
    }
}
