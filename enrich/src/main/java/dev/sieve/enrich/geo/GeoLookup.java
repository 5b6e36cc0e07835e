package dev.sieve.enrich.geo;

import java.net.InetAddress;
import java.util.Optional;

/** Coarse geography of an IP address. Implementations are thread-safe and never contact the network. */
public interface GeoLookup {

    Optional<GeoLocation> locate(InetAddress address);

    /** Knows no address; for deployments without a geography database. */
    static GeoLookup none() {
        return address -> Optional.empty();
    }
}
