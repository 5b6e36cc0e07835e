package dev.sieve.anonymize.projection;

import dev.sieve.anonymize.action.Generalize;
import dev.sieve.anonymize.action.Pseudonymize;
import dev.sieve.anonymize.action.Pseudonymizers;
import dev.sieve.anonymize.action.TruncateIp;
import dev.sieve.scrub.ScrubbedUrl;
import dev.sieve.scrub.Scrubber;
import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.policy.action.ActionType;
import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.FieldActions;
import dev.sieve.schemas.policy.action.GeneralizeAction;
import dev.sieve.schemas.policy.action.KeepAction;
import dev.sieve.schemas.policy.action.PseudonymizeAction;
import dev.sieve.schemas.policy.action.ScrubTextAction;
import dev.sieve.schemas.policy.action.ScrubUrlAction;
import dev.sieve.schemas.policy.action.StoredForm;
import dev.sieve.schemas.policy.action.TruncateIpAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * What each field action of the policy ({@link FieldActions}) does at run time: its applier, found by the action's
 * {@link ActionType} as the policy finds the action by its name. An applier builds, once at start-up, the function that
 * computes one output field from an event; the work itself is the action's class in {@code dev.sieve.anonymize.action}.
 * An action that stores nothing ({@code drop}) has no output field and no applier.
 */
final class Appliers {

    /**
     * Where one rule is applied.
     *
     * @param source         the field of the family's contract
     * @param at             where events hold it
     * @param outType        the output field's type (not nullable)
     * @param pseudonymizers the purpose's pseudonymizers
     * @param scrubber       the policy's scrubber
     */
    record Site(ContractField source, EventView.Position at, Schema outType, Pseudonymizers pseudonymizers,
            Scrubber scrubber) {}

    /** Builds the projector of one rule of action {@code A}. */
    @FunctionalInterface
    private interface Applier<A extends FieldAction> {
        FieldProjector projector(A action, Site site);
    }

    private static final Map<ActionType<?>, Applier<?>> BY_TYPE = new HashMap<>();
    /** Keys of derived values by value; a handful per policy. */
    private static final Map<List<Object>, List<Object>> DERIVATIONS = new ConcurrentHashMap<>();

    static {
        register(KeepAction.TYPE, (action, site) -> keep(site.at(), site.outType()));
        register(PseudonymizeAction.TYPE, Appliers::pseudonymize);
        register(TruncateIpAction.TYPE, (action, site) -> (e, now) -> TruncateIp.apply(text(e.get(site.at())),
                action.ipv4Prefix(), action.ipv6Prefix()));
        register(GeneralizeAction.TYPE, Appliers::generalize);
        register(ScrubUrlAction.TYPE, Appliers::scrubUrl);
        register(ScrubTextAction.TYPE, Appliers::scrubText);
    }

    private Appliers() {}

    private static <A extends FieldAction> void register(ActionType<A> type, Applier<A> applier) {
        BY_TYPE.put(type, applier);
    }

    /** The projector of one rule; fails at start-up for an action that stores something but has no applier. */
    static FieldProjector projector(FieldAction action, Site site) {
        return projectorOf(action.type(), action, site);
    }

    @SuppressWarnings("unchecked") // register() pairs each type with an applier of the same action class
    private static <A extends FieldAction> FieldProjector projectorOf(ActionType<A> type, FieldAction action,
            Site site) {
        Applier<A> applier = (Applier<A>) BY_TYPE.get(type);
        if (applier == null) {
            throw new IllegalStateException("action " + type.id() + " has no applier in module anonymize");
        }
        return applier.projector((A) action, site);
    }

    /** Ids of the registered actions that store something yet have no applier: none, or anonymize cannot start. */
    static List<String> missing() {
        return FieldActions.ALL.stream().filter(t -> t.form() != StoredForm.NOTHING && !BY_TYPE.containsKey(t))
                .map(ActionType::id).toList();
    }

    private static FieldProjector pseudonymize(PseudonymizeAction action, Site site) {
        Pseudonymize pseudonymize = site.pseudonymizers().forAction(action, site.source().name());
        EventView.Position at = site.at();
        return (e, now) -> e.get(at) instanceof List<?> list
                ? pseudonymize.apply(strings(list), e.eventTime(), now)
                : pseudonymize.apply(text(e.get(at)), e.eventTime(), now);
    }

    private static FieldProjector generalize(GeneralizeAction action, Site site) {
        EventView.Position at = site.at();
        return switch (site.source().kind()) {
            case TIMESTAMP -> (e, now) -> e.get(at) instanceof Instant t
                    ? Generalize.time(t, action.granularity().orElseThrow()).toEpochMilli() : null;
            case NUMBER -> (e, now) -> {
                Object v = e.get(at);
                if (v instanceof Integer i) {
                    return (int) Generalize.number(i, action.bucket().orElseThrow());
                }
                return v instanceof Long l ? Generalize.number(l, action.bucket().orElseThrow()) : null;
            };
            case VERSION -> (e, now) -> e.get(at) == null ? null
                    : Generalize.version(text(e.get(at)), action.granularity().orElseThrow());
            default -> throw new IllegalArgumentException("cannot generalize a " + site.source().kind().id());
        };
    }

    // Scrubbed once per event: every purpose applying the same scrub to the field shares the result.
    private static FieldProjector scrubUrl(ScrubUrlAction action, Site site) {
        EventView.Position at = site.at();
        Scrubber scrubber = site.scrubber();
        List<Object> once = derivation(site.source().name(), action);
        // Taken apart and its path scrubbed once, whatever query parameters each purpose keeps.
        List<Object> base = derivation(site.source().name(), ScrubUrlAction.TYPE);
        Function<EventView, Object> parse = e -> scrubber.urlBase(text(e.get(at)), e.knownIdentifiers(scrubber),
                e.envelope().getAppId().toString());
        Function<EventView, Object> scrub = e -> {
            ScrubbedUrl url = (ScrubbedUrl) e.derived(base, parse);
            return url == null ? null : scrubber.url(url, action.allowParams(), e.knownIdentifiers(scrubber));
        };
        return (e, now) -> e.derived(once, scrub);
    }

    private static FieldProjector scrubText(ScrubTextAction action, Site site) {
        EventView.Position at = site.at();
        Scrubber scrubber = site.scrubber();
        List<Object> once = derivation(site.source().name(), action);
        Function<EventView, Object> scrub = e -> scrubber.text(text(e.get(at)), e.knownIdentifiers(scrubber));
        return (e, now) -> e.derived(once, scrub);
    }

    /**
     * The key of a value derived from an event, one instance for equal keys: {@link EventView#derived} then finds the
     * purpose that computed it first by identity, without comparing the actions' options for every field and purpose.
     */
    private static List<Object> derivation(Object... parts) {
        return DERIVATIONS.computeIfAbsent(List.of(parts), key -> key);
    }

    /**
     * A kept value as generic records hold it, the conversion chosen once from the output type: times as epoch
     * millis, enums as symbols, text as {@link String}, lists of text as lists of {@link String}.
     */
    private static FieldProjector keep(EventView.Position at, Schema outType) {
        return switch (outType.getType()) {
            case LONG -> outType.getLogicalType() != null
                    ? (e, now) -> e.get(at) instanceof Instant t ? t.toEpochMilli() : null
                    : (e, now) -> e.get(at);
            case ENUM -> {
                Map<String, GenericData.EnumSymbol> symbols = new HashMap<>();
                outType.getEnumSymbols().forEach(name -> symbols.put(name, new GenericData.EnumSymbol(outType, name)));
                yield (e, now) -> e.get(at) instanceof Enum<?> v ? symbols.get(v.name()) : null;
            }
            case STRING -> (e, now) -> text(e.get(at));
            case ARRAY -> (e, now) -> e.get(at) instanceof List<?> list ? strings(list) : null;
            default -> (e, now) -> e.get(at);
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<String> strings(List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(o == null ? null : o.toString());
        }
        return out;
    }
}
