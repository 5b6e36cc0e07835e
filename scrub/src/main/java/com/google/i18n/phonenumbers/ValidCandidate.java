package com.google.i18n.phonenumbers;

import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether libphonenumber's matcher ({@link PhoneNumberUtil#findNumbers}) at leniency
 * {@link PhoneNumberUtil.Leniency#VALID VALID} would accept a whole candidate of ASCII digits, asked without running
 * the matcher: the library's parse ({@link PhoneNumberUtil#parseAndKeepRawInput}) and the leniency's check (valid
 * number, no stray {@code x}, national prefix present where the region's format needs one). Sieve's phone recognizer
 * asks this for a candidate made of ASCII digits only, where the matcher's candidate search, its bracket, date,
 * page-number and neighbouring-letter checks and its inner-match splitting can find nothing but the whole candidate.
 *
 * <p>On such a candidate the parse's generic steps have known outcomes, so it runs only the parse's region-specific
 * steps, through the library's own methods ({@link #parseDigits}), and the leniency's national-prefix check only where
 * a format that can require the prefix fits the number ({@link #prefixMayBeRequired}): about 2.5 µs instead of 8 for
 * a Chinese mobile number on the benchmark machine.
 *
 * <p>It lives in libphonenumber's package because the methods it calls are package-private there (and one,
 * {@code testNumberLength}, private); the {@code dev.sieve.scrub} tests check that it answers as {@code findNumbers}
 * does.
 */
public final class ValidCandidate {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** {@code PhoneNumberUtil.MIN_LENGTH_FOR_NSN}, private there. */
    private static final int MIN_LENGTH_FOR_NSN = 2;
    /** {@code PhoneNumberUtil.testNumberLength(CharSequence, PhoneMetadata)}, which the parse uses. */
    private static final MethodHandle TEST_NUMBER_LENGTH;
    /** Per region, its formats under which the leniency's national-prefix check can fail. */
    private static final Map<String, List<NumberFormat>> PREFIX_FORMATS = new ConcurrentHashMap<>();

    static {
        try {
            TEST_NUMBER_LENGTH = MethodHandles.privateLookupIn(PhoneNumberUtil.class, MethodHandles.lookup())
                    .findVirtual(PhoneNumberUtil.class, "testNumberLength",
                            MethodType.methodType(ValidationResult.class, CharSequence.class, PhoneMetadata.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ValidCandidate() {}

    /**
     * Whether {@code candidate}, read in {@code region}, is a phone number at leniency {@code VALID}.
     *
     * @throws IllegalArgumentException if {@code candidate} is not ASCII digits only
     */
    public static boolean valid(String candidate, String region) {
        for (int i = 0; i < candidate.length(); i++) {
            if (candidate.charAt(i) < '0' || candidate.charAt(i) > '9') {
                throw new IllegalArgumentException("not a candidate of ASCII digits only");
            }
        }
        PhoneNumber number;
        try {
            number = parseDigits(candidate, region);
        } catch (NumberParseException e) {
            return false;
        }
        // Leniency.VALID.verify, which does not use the matcher it is given (only the grouping leniencies do).
        return PHONES.isValidNumber(number)
                && PhoneNumberMatcher.containsOnlyValidXChars(number, candidate, PHONES)
                && (!prefixMayBeRequired(number)
                        || PhoneNumberMatcher.isNationalPrefixPresentIfRequired(number, PHONES));
    }

    /**
     * {@code PhoneNumberUtil.parseHelper(digits, region, keepRawInput true, checkRegion true)}, which
     * {@link PhoneNumberUtil#parseAndKeepRawInput} is, for a string of ASCII digits, on which its generic steps have
     * known outcomes: no {@code ;phone-context=} or {@code ;isub=} and nothing to strip before or after the number
     * ({@code buildNationalNumberForParsing}), viable when two digits or more ({@code isViablePhoneNumber}), no
     * {@code +} to start it, no extension ({@code maybeStripExtension}) and nothing to normalise ({@code normalize}).
     * What is left are its steps in their order, through the same methods.
     */
    static PhoneNumber parseDigits(String digits, String region) throws NumberParseException {
        if (digits.length() < MIN_LENGTH_FOR_NSN) {
            throw new NumberParseException(NumberParseException.ErrorType.NOT_A_NUMBER, "not viable");
        }
        // checkRegionForParsing: with no + to start the number, the region must be one the library knows.
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new NumberParseException(NumberParseException.ErrorType.INVALID_COUNTRY_CODE, "no region");
        }
        PhoneNumber number = new PhoneNumber();
        number.setRawInput(digits);
        PhoneMetadata metadata = PHONES.getMetadataForRegion(region);
        StringBuilder national = new StringBuilder();
        int countryCode = PHONES.maybeExtractCountryCode(digits, metadata, national, true, number);
        if (countryCode != 0) {
            String numberRegion = PHONES.getRegionCodeForCountryCode(countryCode);
            if (!numberRegion.equals(region)) {
                // getMetadataForRegionOrCallingCode
                metadata = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(numberRegion)
                        ? PHONES.getMetadataForNonGeographicalRegion(countryCode)
                        : PHONES.getMetadataForRegion(numberRegion);
            }
        } else {
            national.append(digits); // normalize(digits): the digits as they are
            number.setCountryCode(metadata.getCountryCode());
        }
        if (national.length() < MIN_LENGTH_FOR_NSN) {
            throw new NumberParseException(NumberParseException.ErrorType.TOO_SHORT_NSN, "too short");
        }
        StringBuilder carrierCode = new StringBuilder();
        StringBuilder potentialNational = new StringBuilder(national);
        PHONES.maybeStripNationalPrefixAndCarrierCode(potentialNational, metadata, carrierCode);
        ValidationResult length = testNumberLength(potentialNational, metadata);
        if (length != ValidationResult.TOO_SHORT && length != ValidationResult.IS_POSSIBLE_LOCAL_ONLY
                && length != ValidationResult.INVALID_LENGTH) {
            national = potentialNational;
            if (carrierCode.length() > 0) {
                number.setPreferredDomesticCarrierCode(carrierCode.toString());
            }
        }
        if (national.length() < MIN_LENGTH_FOR_NSN) {
            throw new NumberParseException(NumberParseException.ErrorType.TOO_SHORT_NSN, "too short");
        }
        if (national.length() > PhoneNumberUtil.MAX_LENGTH_FOR_NSN) {
            throw new NumberParseException(NumberParseException.ErrorType.TOO_LONG, "too long");
        }
        PhoneNumberUtil.setItalianLeadingZerosForPhoneNumber(national, number);
        number.setNationalNumber(Long.parseLong(national.toString()));
        return number;
    }

    private static ValidationResult testNumberLength(CharSequence number, PhoneMetadata metadata) {
        try {
            return (ValidationResult) TEST_NUMBER_LENGTH.invokeExact(PHONES, number, metadata);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether {@link PhoneNumberMatcher#isNationalPrefixPresentIfRequired} could answer false for {@code number}: only
     * when the format it chooses from the region's formats ({@link PhoneNumberUtil#chooseFormattingPatternForNumber})
     * has a national-prefix formatting rule that is neither optional nor the first group alone. That format fits the
     * number, so choosing among those formats alone finds one; when none fits (a Chinese mobile number: 2 of CN's 15
     * formats can require the prefix, for 7 to 9 digit numbers), the check passes without choosing among all.
     */
    private static boolean prefixMayBeRequired(PhoneNumber number) {
        List<NumberFormat> formats = PREFIX_FORMATS.computeIfAbsent(
                PHONES.getRegionCodeForCountryCode(number.getCountryCode()), ValidCandidate::prefixFormats);
        return !formats.isEmpty() && PHONES.chooseFormattingPatternForNumber(formats,
                PHONES.getNationalSignificantNumber(number)) != null;
    }

    private static List<NumberFormat> prefixFormats(String region) {
        PhoneMetadata metadata = PHONES.getMetadataForRegion(region);
        if (metadata == null) {
            return List.of();
        }
        return metadata.getNumberFormatList().stream()
                .filter(f -> !f.getNationalPrefixFormattingRule().isEmpty()
                        && !f.getNationalPrefixOptionalWhenFormatting()
                        && !PhoneNumberUtil.formattingRuleHasFirstGroupOnly(f.getNationalPrefixFormattingRule()))
                .toList();
    }
}
