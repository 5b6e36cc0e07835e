package dev.sieve.sink.store;

import java.util.List;
import java.util.Optional;

/**
 * What migrating one region's store did.
 *
 * @param ran     steps that ran
 * @param of      steps there are
 * @param changes what changed, e.g. {@code created database d}, {@code created table d.t}, {@code changed table d.t}
 * @param failure the (redacted) error that stopped the region, if one did
 */
public record Migration(String region, int ran, int of, List<String> changes, Optional<String> failure) {

    public Migration {
        changes = List.copyOf(changes);
    }
}
