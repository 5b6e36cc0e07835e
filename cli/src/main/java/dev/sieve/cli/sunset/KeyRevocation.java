package dev.sieve.cli.sunset;

import dev.sieve.cli.operate.ControlPublisher;
import dev.sieve.schemas.control.AppRevocation;
import dev.sieve.schemas.topic.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The first step of a sunset: the app's ingest and server keys are revoked on {@code sieve.control.app-revocations}
 * (compacted, keyed by app id), which every collector follows, so from then on its requests are refused (401) and
 * nothing new of it is written, while its keys may still sit in the collectors' configuration.
 */
final class KeyRevocation {

    private final Topics topics;

    KeyRevocation(Topics topics) {
        this.topics = topics;
    }

    /** Publishes the revocation and returns once Kafka acknowledged it. */
    AppRevocation revoke(ControlPublisher publisher, String app, String by, String reason, Instant now)
            throws InterruptedException {
        AppRevocation revocation = AppRevocation.newBuilder().setAppId(app)
                .setRevokedAt(now.truncatedTo(ChronoUnit.MILLIS)).setRevokedBy(by).setReason(reason).build();
        publisher.publish(topics.appRevocations(), app, revocation);
        return revocation;
    }
}
