package dev.sieve.scrub;

import dev.sieve.schemas.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scrubber's recognizers run over values already stored, to find what scrubbing should have removed: a canary
 * for policy or scrubber regressions ({@code sieve scan}). A recognizer finds an identifier in a value when it would
 * replace a span of it with something else: a marker such as {@code [email]}, or a URL scrubbed further. Values the
 * scrubber wrote therefore hold none, since its markers and scrubbed URLs are what it would write again.
 *
 * <p>It answers with the recognizers' {@link #NAMES names} only, never with what they found. The event's own
 * identifiers are unknown at this point, so {@code known_identifier} never fires. Thread-safe.
 */
public final class IdentifierScan {

    /** The name of every recognizer, in registration order, e.g. {@code email}, {@code obfuscated_email}. */
    public static final List<String> NAMES = Recognizers.ALL.stream().map(IdentifierScan::name).toList();

    /** What {@link #inUrl} reports when only the URL scrubber's own rules (path heuristics, query) would change it. */
    public static final String URL = name(new UrlRecognizer());

    private static final Comparator<Named> BY_START = Comparator.comparingInt((Named n) -> n.finding().start())
            .thenComparing(Comparator.comparingInt((Named n) -> n.finding().length()).reversed());

    private final Scrubber scrubber;

    public IdentifierScan(Scrubber scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    /** The scan with the scrubber the policy asks for ({@link Scrubber#forPolicy}). */
    public static IdentifierScan forPolicy(Policy policy) {
        return new IdentifierScan(Scrubber.forPolicy(policy));
    }

    /** The names of the recognizers that find an identifier in free text (a {@code scrub_text} value); sorted. */
    public Set<String> inText(String value) {
        return found(value, true);
    }

    /**
     * The names of the recognizers that find an identifier in a stored URL (a {@code scrub_url} value): none when
     * scrubbing it again with the same allowed query parameters leaves it as it is; otherwise those that find one in
     * it as text, or {@link #URL} when none does (a path segment or parameter only the URL scrubber removes).
     */
    public Set<String> inUrl(String value, List<String> allowParams) {
        if (value == null || value.isEmpty()
                || value.equals(scrubber.url(value, allowParams, KnownIdentifiers.none(), null))) {
            return Set.of();
        }
        Set<String> found = found(value, false);
        return found.isEmpty() ? Set.of(URL) : found;
    }

    /**
     * The recognizer of each identifier the scrubber would replace: findings that overlap are one identifier, named
     * after the finding the scrubber would use ({@link Scrubber#replace}: the longest, the first registered among
     * equals). A finding that would write what is there already, or that lies within a marker, is none.
     */
    private Set<String> found(String value, boolean withUrls) {
        Set<String> names = new TreeSet<>();
        if (value == null || value.isEmpty()) {
            return names;
        }
        NormalizedText text = NormalizedText.of(value);
        Scan scan = new Scan(text, KnownIdentifiers.none(), scrubber, false);
        List<Named> found = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Recognizer r : Recognizers.ALL) {
            if (!withUrls && r instanceof UrlRecognizer) {
                continue;
            }
            findings.clear();
            r.find(scan, findings);
            for (Finding f : findings) {
                if (!rewritesNothing(text, f)) {
                    found.add(new Named(name(r), f));
                }
            }
        }
        found.sort(BY_START);
        int i = 0;
        while (i < found.size()) {
            Named best = found.get(i);
            int end = best.finding().end();
            int j = i + 1;
            while (j < found.size() && found.get(j).finding().start() < end) {
                Named n = found.get(j);
                if (n.finding().length() > best.finding().length()) {
                    best = n;
                }
                end = Math.max(end, n.finding().end());
                j++;
            }
            names.add(best.recognizer());
            i = j;
        }
        return names;
    }

    private static boolean rewritesNothing(NormalizedText text, Finding f) {
        int from = text.originalStart(f.start());
        int to = text.originalEnd(f.end());
        String original = text.original();
        if (f.replacement().equals(original.substring(from, to))) {
            return true;
        }
        for (Marker m : Marker.values()) {
            for (int at = original.indexOf(m.text()); at >= 0 && at <= from; at = original.indexOf(m.text(), at + 1)) {
                if (to <= at + m.text().length()) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Named(String recognizer, Finding finding) {}

    /** {@code ObfuscatedEmailRecognizer} → {@code obfuscated_email}: the class is the recognizer's one definition. */
    private static String name(Recognizer r) {
        return r.getClass().getSimpleName().replaceFirst("Recognizer$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
