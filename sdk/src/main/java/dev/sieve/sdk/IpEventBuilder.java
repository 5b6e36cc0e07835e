package dev.sieve.sdk;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** An {@code ip} event (connection information, policy 1.2.1 (3)). Required: {@link #ipAddress}. */
public final class IpEventBuilder extends EventBuilder<IpEventBuilder> {

    static final String FAMILY = "ip";

    private String ipAddress;
    private String connectionType;
    private String carrier;

    IpEventBuilder(Clock clock) {
        super(clock);
    }

    /** Client IP address, IPv4 or IPv6 text form. */
    public IpEventBuilder ipAddress(String ipAddress) {
        this.ipAddress = Objects.requireNonNull(ipAddress, "ipAddress");
        return this;
    }

    /** wifi, cellular, ethernet, ...; null for unknown. */
    public IpEventBuilder connectionType(String connectionType) {
        this.connectionType = connectionType;
        return this;
    }

    /** Mobile network operator name; null for unknown. */
    public IpEventBuilder carrier(String carrier) {
        this.carrier = carrier;
        return this;
    }

    @Override
    String family() {
        return FAMILY;
    }

    @Override
    Map<String, Object> fields() {
        Map<String, Object> f = newFields();
        f.put("ip_address", required(ipAddress, "ipAddress", FAMILY));
        f.put("connection_type", connectionType);
        f.put("carrier", carrier);
        return f;
    }
}
