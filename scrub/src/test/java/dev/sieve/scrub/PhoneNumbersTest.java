package dev.sieve.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.ValidCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneRecognizer#numbers} reads a window of digits only without libphonenumber's matcher; what it finds
 * there is exactly what {@code findNumbers} finds, window by window, for the default policy's region and others.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /**
     * How digit-only windows start: mobile and fixed-line prefixes, trunk prefix, international dialling prefixes
     * (to other countries and to the non-geographic +800), country codes written without {@code +}, Chinese
     * carrier-selection prefixes, service and short-number prefixes, Chinese service numbers that a format requires
     * the trunk prefix for (1095..., 2195..., 755100...), Italian numbers whose leading 0 is kept, and nothing in
     * particular.
     */
    private static final List<String> STARTS = List.of("", "1", "13", "138", "1380013", "170", "199", "0", "01",
            "010", "021", "0755", "00", "0086", "86", "8613", "086", "001", "011", "44", "4420", "07700", "1650",
            "400", "800", "95", "12", "110", "2026", "19", "9", "5", "1095", "2195", "755100", "00800", "0049",
            "0081", "17951", "1795100", "06", "02");
    /**
     * The policy's region, several regions at once, none, regions that always want the trunk prefix, and regions that
     * share their country code with a main one (CA, JE), keep a leading 0 (IT) or rewrite the trunk prefix (BR, AR).
     */
    private static final List<List<String>> REGIONS = List.of(List.of("CN"), List.of("CN", "GB", "US"),
            List.of("ZZ"), List.of("DE", "JP"), List.of("CA", "JE", "IT", "BR", "AR"));

    @Test
    void findsWhatTheMatcherFindsInWindowsOfDigits() {
        SplittableRandom random = new SplittableRandom(20261206);
        int found = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder window = new StringBuilder(STARTS.get(random.nextInt(STARTS.size())));
            int length = 1 + random.nextInt(PhoneRecognizer.MAX_GROUP);
            while (window.length() < length) {
                window.append((char) ('0' + random.nextInt(10)));
            }
            String w = window.substring(0, Math.min(window.length(), PhoneRecognizer.MAX_GROUP));
            List<String> regions = REGIONS.get(i % REGIONS.size());
            List<int[]> fast = PhoneRecognizer.numbers(w, regions);
            assertThat(spans(fast)).as(w + " in " + regions).isEqualTo(spans(byMatcher(w, regions)));
            found += fast.isEmpty() ? 0 : 1;
        }
        assertThat(found).as("windows that hold a number").isGreaterThan(2_000);
    }

    @Test
    void leavesOtherWindowsToTheMatcher() {
        for (String w : List.of("138 0013 8000", "138-0013-8000", "(010) 6552-9988", "+8613800138000",
                "13800138000 13900139000", "1380013800013800138000", "2026-12-05", "10/12/2026 13800138000")) {
            assertThat(spans(PhoneRecognizer.numbers(w, List.of("CN")))).as(w)
                    .isEqualTo(spans(byMatcher(w, List.of("CN"))));
        }
    }

    @Test
    void validCandidateTakesAsciiDigitsOnly() {
        for (String w : List.of("+8613800138000", "138 0013 8000", "１３８００１３８０００")) {
            assertThatThrownBy(() -> ValidCandidate.valid(w, "CN")).as(w).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** What {@link PhoneRecognizer#numbers} found before it read windows of digits itself: the matcher for all. */
    private static List<int[]> byMatcher(String window, List<String> regions) {
        List<int[]> found = new ArrayList<>();
        for (String region : regions) {
            for (PhoneNumberMatch m : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, 64)) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        if (window.indexOf('+') >= 0 && found.isEmpty()) {
            for (PhoneNumberMatch m : PHONES.findNumbers(window, "ZZ", PhoneNumberUtil.Leniency.POSSIBLE, 64)) {
                found.add(new int[] {m.start(), m.end()});
            }
        }
        return found;
    }

    private static List<String> spans(List<int[]> found) {
        return found.stream().map(m -> m[0] + "-" + m[1]).toList();
    }
}
