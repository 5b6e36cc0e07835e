package dev.sieve.sdk;

import java.time.Clock;

/** Builders for the five event families, one per item of policy section 1.2.1. */
public final class Events {

    private static final Clock CLOCK = Clock.systemUTC();

    private Events() {}

    public static DeviceEventBuilder device() {
        return new DeviceEventBuilder(CLOCK);
    }

    public static SoftwareEventBuilder software() {
        return new SoftwareEventBuilder(CLOCK);
    }

    public static IpEventBuilder ip() {
        return new IpEventBuilder(CLOCK);
    }

    public static ServiceLogEventBuilder serviceLog() {
        return new ServiceLogEventBuilder(CLOCK);
    }

    public static CommunicationLogEventBuilder communicationLog() {
        return new CommunicationLogEventBuilder(CLOCK);
    }
}
