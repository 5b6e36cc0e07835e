package dev.sieve.e2e;

import dev.sieve.schemas.contract.EventFamily;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One event the test sent and the collector accepted.
 *
 * @param family    its family
 * @param eventId   its id
 * @param person    whose it is
 * @param eventTime when it happened
 * @param consented the consent-requiring purposes the subject had consented to when enrich read the event
 * @param planted   identifier values by the field that carries them, for the leak check
 */
record Sent(EventFamily family, String eventId, Person person, Instant eventTime, Set<String> consented,
        Map<String, String> planted) {}
