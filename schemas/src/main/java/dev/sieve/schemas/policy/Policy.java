package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.EventFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated privacy policy: the only source of purposes, field actions, consent rules, retention and
 * regions. Instances come from {@link PolicyLoader}, which refuses any policy that breaks a rule, so code
 * holding a {@code Policy} may trust it.
 *
 * @param version        the policy file's version number, bumped by its authors
 * @param maxRetention   no table may keep rows longer than this
 * @param responsePeriod a subject's rights request is due this long after it was received (policy 5.4);
 *                       {@link #DEFAULT_RESPONSE_PERIOD} when the file has no {@code response_period}
 * @param regions        storage regions, by id
 * @param topicRetention Kafka retention per topic class
 * @param purposes       purposes by id, in policy-file order
 * @param kAnonymity     the smallest k the tables of non-raw purposes must meet
 * @param urlRoutes      per app id, URL path templates such as {@code /account/:user/orders} that {@code scrub_url}
 *                       reports a matching path as (its {@code :name} segments stand for any one segment)
 */
public record Policy(
        int version,
        Duration maxRetention,
        Duration responsePeriod,
        Map<String, Region> regions,
        Map<TopicClass, Duration> topicRetention,
        Map<String, Purpose> purposes,
        KAnonymity kAnonymity,
        Map<String, List<String>> urlRoutes) {

    /** The response period of a policy that states none. */
    public static final Duration DEFAULT_RESPONSE_PERIOD = Duration.ofDays(15);

    public Policy {
        Objects.requireNonNull(maxRetention, "maxRetention");
        Objects.requireNonNull(responsePeriod, "responsePeriod");
        Objects.requireNonNull(kAnonymity, "kAnonymity");
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        topicRetention = Collections.unmodifiableMap(new EnumMap<>(topicRetention));
        purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
        Map<String, List<String>> routes = new LinkedHashMap<>();
        urlRoutes.forEach((app, templates) -> routes.put(app, List.copyOf(templates)));
        urlRoutes = Collections.unmodifiableMap(routes);
    }

    public Optional<Purpose> purpose(String id) {
        return Optional.ofNullable(purposes.get(id));
    }

    /** Retention of a topic class; every class is present in a loaded policy. */
    public Duration topicRetention(TopicClass topicClass) {
        return Objects.requireNonNull(topicRetention.get(topicClass), topicClass.id());
    }

    /** Purposes that receive the family, in policy-file order. */
    public List<Purpose> purposesFor(EventFamily family) {
        List<Purpose> out = new ArrayList<>();
        for (Purpose p : purposes.values()) {
            if (p.families().containsKey(family)) {
                out.add(p);
            }
        }
        return out;
    }
}
