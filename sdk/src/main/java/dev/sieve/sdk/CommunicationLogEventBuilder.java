package dev.sieve.sdk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code communication_log} event (communication log information, policy 1.2.1 (5)): who was communicated
 * with, when and for how long; never the content. Every field is required.
 */
public final class CommunicationLogEventBuilder extends EventBuilder<CommunicationLogEventBuilder> {

    static final String FAMILY = "communication_log";

    private String peerAccount;
    private CommunicationChannel channel;
    private CommunicationDirection direction;
    private Instant startedAt;
    private Long durationMs;

    CommunicationLogEventBuilder(Clock clock) {
        super(clock);
    }

    /** The account communicated with. */
    public CommunicationLogEventBuilder peerAccount(String peerAccount) {
        this.peerAccount = Objects.requireNonNull(peerAccount, "peerAccount");
        return this;
    }

    /** Kind of communication. */
    public CommunicationLogEventBuilder channel(CommunicationChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
        return this;
    }

    /** Who initiated it. */
    public CommunicationLogEventBuilder direction(CommunicationDirection direction) {
        this.direction = Objects.requireNonNull(direction, "direction");
        return this;
    }

    /** When the communication started (kept to the millisecond). */
    public CommunicationLogEventBuilder startedAt(Instant startedAt) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MILLIS);
        return this;
    }

    /** How long it lasted, in milliseconds. */
    public CommunicationLogEventBuilder durationMs(long durationMs) {
        this.durationMs = durationMs;
        return this;
    }

    @Override
    String family() {
        return FAMILY;
    }

    @Override
    Map<String, Object> fields() {
        Map<String, Object> f = newFields();
        f.put("peer_account", required(peerAccount, "peerAccount", FAMILY));
        f.put("channel", required(channel, "channel", FAMILY));
        f.put("direction", required(direction, "direction", FAMILY));
        f.put("started_at", required(startedAt, "startedAt", FAMILY));
        f.put("duration_ms", required(durationMs, "durationMs", FAMILY));
        return f;
    }
}
