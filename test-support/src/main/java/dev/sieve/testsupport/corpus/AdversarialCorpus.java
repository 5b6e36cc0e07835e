package dev.sieve.testsupport.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sieve's adversarial corpus ({@code adversarial-corpus.tsv} beside this class): hostile values for the service-log
 * fields that {@code scrub_text} and {@code scrub_url} transform, each with the secrets that must not survive them,
 * and near misses that must. The unit test runs it through every purpose projection, the end-to-end test through the
 * whole pipeline; {@link Survival} decides what counts as surviving, the same way for both.
 */
public final class AdversarialCorpus {

    static final String RESOURCE = "adversarial-corpus.tsv";
    private static final String NEEDLE_SEPARATOR = " ;; ";

    /** What a case expects of the scrubbers. */
    public enum Expect { SCRUB, KEEP }

    /**
     * One hostile value.
     *
     * @param id         unique, stable name for reports
     * @param recognizer the kind of identifier it targets, e.g. {@code email}, or {@code near_miss}
     * @param field      the service-log field it is sent in: search_query, failure_message, page_url, referrer_url
     * @param expect     {@link Expect#SCRUB}: no needle may survive; {@link Expect#KEEP}: every needle must
     * @param subjectId  the event's own subject id, when the case is about the event's own identifiers
     * @param deviceId   the event's own device id, likewise
     * @param needles    the secrets (or, for near misses, the text) to look for in the output
     * @param value      the value sent
     */
    public record Case(String id, String recognizer, String field, Expect expect, Optional<String> subjectId,
            Optional<String> deviceId, List<String> needles, String value) {}

    private AdversarialCorpus() {}

    /** Every case, in file order. */
    public static List<Case> cases() {
        try (InputStream in = AdversarialCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test-support jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(BufferedReader reader) throws IOException {
        List<Case> cases = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", 7);
            if (c.length != 7) {
                throw new IllegalStateException(RESOURCE + ":" + number + ": expected 7 tab-separated columns");
            }
            cases.add(new Case(c[0], c[1], c[2], Expect.valueOf(c[3].toUpperCase(Locale.ROOT)), own(c[4], "subject="),
                    own(c[4], "device="), List.of(c[5].split(NEEDLE_SEPARATOR)), c[6]));
        }
        return cases;
    }

    private static Optional<String> own(String column, String prefix) {
        return column.startsWith(prefix) ? Optional.of(column.substring(prefix.length())) : Optional.empty();
    }
}
