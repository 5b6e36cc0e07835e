package dev.sieve.scrub;

import java.util.List;

/**
 * Every recognizer the scrubber runs, in one list: adding one is one class and one line here. Order matters only
 * between findings of equal span, where the earlier recognizer's marker wins (a valid identity number over the
 * digit run it also is).
 */
final class Recognizers {

    static final List<Recognizer> ALL = List.of(
            new UrlRecognizer(),
            new JwtRecognizer(),
            new ApiKeyRecognizer(),
            new CredentialRecognizer(),
            new AuthSchemeRecognizer(),
            new EmailRecognizer(),
            new ObfuscatedEmailRecognizer(),
            new KnownIdentifierRecognizer(),
            new HandleRecognizer(),
            new HomeDirectoryRecognizer(),
            new UuidRecognizer(),
            new MacRecognizer(),
            new Ipv6Recognizer(),
            new Ipv4Recognizer(),
            new CoordinatesRecognizer(),
            new BirthDateRecognizer(),
            new IbanRecognizer(),
            new ChineseIdRecognizer(),
            new CardRecognizer(),
            new PhoneRecognizer(),
            new DocumentNumberRecognizer(),
            new SocialSecurityNumberRecognizer(),
            new Base64TextRecognizer(),
            new OpaqueTokenRecognizer(),
            new DigitRunRecognizer(),
            new LookAlikeDigitsRecognizer(),
            new SpelledDigitsRecognizer());

    private Recognizers() {}
}
