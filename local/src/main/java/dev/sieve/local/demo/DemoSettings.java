package dev.sieve.local.demo;

/**
 * What the demo traffic generator does.
 *
 * @param enabled         whether it runs at all
 * @param devices         simulated devices (their users, apps and networks follow from the seed)
 * @param eventsPerSecond events sent per second, across all devices
 * @param seed            the same seed gives the same devices, users, consents and event values
 */
public record DemoSettings(boolean enabled, int devices, int eventsPerSecond, long seed) {

    public static final int DEFAULT_DEVICES = 200;
    public static final int DEFAULT_EVENTS_PER_SECOND = 50;
    public static final long DEFAULT_SEED = 42;
    public static final int MAX_DEVICES = 100_000;
    public static final int MAX_EVENTS_PER_SECOND = 10_000;

    public DemoSettings {
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("devices must be between 1 and " + MAX_DEVICES + ", got " + devices);
        }
        if (eventsPerSecond < 1 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
            throw new IllegalArgumentException("eventsPerSecond must be between 1 and " + MAX_EVENTS_PER_SECOND
                    + ", got " + eventsPerSecond);
        }
    }
}
