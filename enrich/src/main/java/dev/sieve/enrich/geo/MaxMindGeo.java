package dev.sieve.enrich.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Geography from a MaxMind-format database ({@code .mmdb}, e.g. GeoLite2-City or GeoIP2-Country) the operator
 * provides. Reads {@code country.iso_code} and the first {@code subdivisions[].iso_code}; nothing finer.
 */
public final class MaxMindGeo implements GeoLookup, Closeable {

    private final Reader reader;

    public MaxMindGeo(Path database) throws IOException {
        this.reader = new Reader(database.toFile(), new CHMCache());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<GeoLocation> locate(InetAddress address) {
        try {
            Map<String, Object> record = reader.get(address, Map.class);
            if (record == null || !(record.get("country") instanceof Map<?, ?> country)
                    || !(country.get("iso_code") instanceof String iso)) {
                return Optional.empty();
            }
            String subdivision = null;
            if (record.get("subdivisions") instanceof List<?> subs && !subs.isEmpty()
                    && subs.get(0) instanceof Map<?, ?> first && first.get("iso_code") instanceof String code) {
                subdivision = code;
            }
            return Optional.of(new GeoLocation(iso, subdivision));
        } catch (IOException | RuntimeException e) {
            // A corrupt or unexpected database entry (not a map, a bad type) costs the event its location, not
            // the event itself. The address is not logged.
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
