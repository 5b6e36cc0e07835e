package dev.sieve.anonymize.projection;

import java.time.Instant;

/** Computes one output field of a purpose's view from an event; built once per rule by the rule's {@link Appliers applier}. */
@FunctionalInterface
interface FieldProjector {
    Object project(EventView event, Instant now);
}
