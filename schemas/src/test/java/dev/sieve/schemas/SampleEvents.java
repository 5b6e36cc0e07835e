package dev.sieve.schemas;

import dev.sieve.schemas.event.CommunicationChannel;
import dev.sieve.schemas.event.CommunicationDirection;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceAction;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import java.time.Instant;
import java.util.List;

/** One realistic event per family, every field set, for tests. */
public final class SampleEvents {

    public static final Instant EVENT_TIME = Instant.parse("2026-11-29T08:15:30.123Z");

    private SampleEvents() {}

    public static Envelope envelope(String eventId) {
        return Envelope.newBuilder()
                .setEventId(eventId)
                .setEventTime(EVENT_TIME)
                .setReceivedTime(EVENT_TIME.plusMillis(250))
                .setAppId("notes")
                .setAppVersion("4.2.1")
                .setSdkVersion("0.1.0")
                .setRegion("cn-north")
                .setSubjectId("user-8812")
                .setDeviceId("dev-5c1f")
                .setGeoCountry("CN")
                .setGeoSubdivision("BJ")
                .build();
    }

    public static DeviceEvent device() {
        return DeviceEvent.newBuilder()
                .setEnvelope(envelope("0b6c6f5e-0000-4000-8000-000000000001"))
                .setAdvertisingId("38400000-8cf0-11bd-b23e-10b96e40000d")
                .setUniqueDeviceIdentifier("356938035643809")
                .setDeviceModel("Pixel 9")
                .setDeviceClass("phone")
                .setOsName("Android")
                .setOsVersion("16.0.1")
                .setBatteryLevel(81)
                .setSignalStrengthDbm(-87)
                .setNetworkType("5g")
                .build();
    }

    public static SoftwareEvent software() {
        return SoftwareEvent.newBuilder()
                .setEnvelope(envelope("0b6c6f5e-0000-4000-8000-000000000002"))
                .setSoftwareName("notes")
                .setSoftwareVersion("4.2.1")
                .setInstallSource("store")
                .setOtherSoftware(List.of("com.example.chat", "com.example.bank"))
                .build();
    }

    public static IpEvent ip() {
        return IpEvent.newBuilder()
                .setEnvelope(envelope("0b6c6f5e-0000-4000-8000-000000000003"))
                .setIpAddress("2001:db8:85a3::8a2e:370:7334")
                .setConnectionType("wifi")
                .setCarrier("Example Mobile")
                .build();
    }

    public static ServiceLogEvent serviceLog() {
        return ServiceLogEvent.newBuilder()
                .setEnvelope(envelope("0b6c6f5e-0000-4000-8000-000000000004"))
                .setAction(ServiceAction.SEARCH)
                .setSearchQuery("call alice@example.com about 13800138000")
                .setPageUrl("https://app.example.com/notes/42?token=abc#top")
                .setReferrerUrl("https://ads.example.net/c?utm_source=news&uid=77")
                .setFailureCode(null)
                .setFailureMessage(null)
                .setDurationMs(412L)
                .build();
    }

    public static CommunicationLogEvent communicationLog() {
        return CommunicationLogEvent.newBuilder()
                .setEnvelope(envelope("0b6c6f5e-0000-4000-8000-000000000005"))
                .setPeerAccount("user-4471")
                .setChannel(CommunicationChannel.CALL)
                .setDirection(CommunicationDirection.OUTGOING)
                .setStartedAt(EVENT_TIME.minusSeconds(600))
                .setDurationMs(183_000L)
                .build();
    }
}
