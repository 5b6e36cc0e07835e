package dev.sieve.enrich.topology;

import dev.sieve.enrich.device.DeviceClassifier;
import dev.sieve.enrich.geo.GeoLookup;
import dev.sieve.enrich.normalize.Normalizer;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import dev.sieve.schemas.ip.IpLiteral;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.topic.DeadLetterReason;
import dev.sieve.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * The enrich step as a pure function of one event: validates the region, normalizes, adds coarse geography
 * and the device class, and records the consent on file for the subject (or, failing that, the device).
 * Events are modified in place and returned.
 *
 * <p>Geography comes from the IP address an IP event reports, else from the address the collector received
 * the event from, so events of every family can carry the country and province of where they were sent.
 */
public final class EventEnricher {

    private final Policy policy;
    private final Normalizer normalizer;
    private final GeoLookup geo;

    public EventEnricher(Policy policy, Normalizer normalizer, GeoLookup geo) {
        this.policy = policy;
        this.normalizer = normalizer;
        this.geo = geo;
    }

    /**
     * @param event      a raw event of {@code family}
     * @param recordTime when Kafka received it; stands in for a missing receive time
     * @param consent    the consent on file under a {@link Topics#subjectKey} or {@link Topics#deviceKey}, or null
     * @param clientAddress the address the collector received the event from ({@link Topics#HEADER_CLIENT_ADDRESS}),
     *                   or null
     */
    public Outcome enrich(EventFamily family, SpecificRecord event, Instant recordTime,
            Function<String, ConsentState> consent, String clientAddress) {
        Envelope envelope = (Envelope) event.get(event.getSchema().getField(EventFamily.ENVELOPE_FIELD).pos());
        String region = Normalizer.text(envelope.getRegion());
        if (region == null || !policy.regions().containsKey(region)) {
            // the detail never repeats the value: the client wrote it, and it could be anything
            return new Outcome.Rejected(DeadLetterReason.UNKNOWN_REGION, (region == null ? "no region" : "the region")
                    + " is not one of the policy's regions " + policy.regions().keySet());
        }
        envelope.setRegion(region);
        normalizeEnvelope(envelope, recordTime);
        // Geography is the pipeline's to set (the contract marks it so): whatever came in is replaced.
        envelope.setGeoCountry(null);
        envelope.setGeoSubdivision(null);
        // A switch expression, so that a new family does not compile until it says how it is normalized.
        Runnable normalizeFamily = switch (family) {
            case DEVICE -> () -> device((DeviceEvent) event);
            case SOFTWARE -> () -> software((SoftwareEvent) event);
            case IP -> () -> ip((IpEvent) event, envelope);
            case SERVICE_LOG -> () -> serviceLog((ServiceLogEvent) event);
            case COMMUNICATION_LOG -> () -> communicationLog((CommunicationLogEvent) event);
        };
        normalizeFamily.run();
        if (envelope.getGeoCountry() == null) {
            locate(envelope, clientAddress);
        }
        envelope.setConsentedPurposes(consentedPurposes(envelope, consent));
        return new Outcome.Enriched(event);
    }

    private void normalizeEnvelope(Envelope e, Instant recordTime) {
        e.setEventId(Normalizer.requiredText(e.getEventId()));
        e.setAppId(Normalizer.requiredText(e.getAppId()));
        e.setAppVersion(Normalizer.requiredText(Normalizer.version(e.getAppVersion())));
        e.setSdkVersion(Normalizer.requiredText(Normalizer.version(e.getSdkVersion())));
        e.setSubjectId(Normalizer.text(e.getSubjectId()));
        e.setDeviceId(Normalizer.text(e.getDeviceId()));
        if (e.getReceivedTime() == null) {
            e.setReceivedTime(recordTime);
        }
        e.setEventTime(normalizer.eventTime(e.getEventTime(), e.getReceivedTime()));
    }

    private static void device(DeviceEvent d) {
        d.setAdvertisingId(Normalizer.text(d.getAdvertisingId()));
        d.setUniqueDeviceIdentifier(Normalizer.text(d.getUniqueDeviceIdentifier()));
        d.setDeviceModel(Normalizer.requiredText(d.getDeviceModel()));
        d.setOsName(Normalizer.requiredText(Normalizer.osName(d.getOsName())));
        d.setOsVersion(Normalizer.requiredText(Normalizer.version(d.getOsVersion())));
        d.setNetworkType(lower(Normalizer.text(d.getNetworkType())));
        d.setDeviceClass(DeviceClassifier.classify(d.getDeviceModel(), d.getOsName()));
    }

    private static void software(SoftwareEvent s) {
        s.setSoftwareName(Normalizer.requiredText(s.getSoftwareName()));
        s.setSoftwareVersion(Normalizer.requiredText(Normalizer.version(s.getSoftwareVersion())));
        s.setInstallSource(Normalizer.text(s.getInstallSource()));
        List<String> others = new ArrayList<>();
        for (String o : s.getOtherSoftware()) {
            String t = Normalizer.text(o);
            if (t != null) {
                others.add(t);
            }
        }
        s.setOtherSoftware(others);
    }

    private void ip(IpEvent i, Envelope e) {
        i.setConnectionType(lower(Normalizer.text(i.getConnectionType())));
        i.setCarrier(Normalizer.text(i.getCarrier()));
        IpLiteral.parse(i.getIpAddress()).ifPresent(address -> i.setIpAddress(IpLiteral.format(address)));
        locate(e, i.getIpAddress());
    }

    /** Sets country and province from an address literal; anything else leaves them as they are. */
    private void locate(Envelope e, String address) {
        IpLiteral.parse(address).flatMap(geo::locate).ifPresent(location -> {
            e.setGeoCountry(location.country());
            e.setGeoSubdivision(location.subdivision());
        });
    }

    private static void serviceLog(ServiceLogEvent s) {
        s.setPageUrl(Normalizer.text(s.getPageUrl()));
        s.setReferrerUrl(Normalizer.text(s.getReferrerUrl()));
        s.setFailureCode(Normalizer.text(s.getFailureCode()));
    }

    private static void communicationLog(CommunicationLogEvent c) {
        c.setPeerAccount(Normalizer.requiredText(c.getPeerAccount()));
    }

    private static List<String> consentedPurposes(Envelope e, Function<String, ConsentState> consent) {
        ConsentState state = null;
        if (e.getSubjectId() != null) {
            state = consent.apply(Topics.subjectKey(e.getSubjectId()));
        }
        if (state == null && e.getDeviceId() != null) {
            state = consent.apply(Topics.deviceKey(e.getDeviceId()));
        }
        return state == null ? null : List.copyOf(state.getPurposes());
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
