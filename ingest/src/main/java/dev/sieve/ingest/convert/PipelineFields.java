package dev.sieve.ingest.convert;

import java.util.Set;

/**
 * Contract fields that the pipeline fills in and clients must not send: the collector's receive time, what
 * enrich derives (device class from the model, coarse geography from the IP address) and the consent enrich
 * looks up. Accepting them from clients would let an app forge what later stages trust, consent above all.
 */
final class PipelineFields {

    static final Set<String> NAMES = Set.of("received_time", "device_class", "geo_country", "geo_subdivision",
            "consented_purposes");

    private PipelineFields() {}
}
