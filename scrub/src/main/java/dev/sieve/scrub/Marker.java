package dev.sieve.scrub;

/**
 * The fixed vocabulary that replaces what the scrubber removes. A marker says what kind of thing was there, never
 * anything of its value.
 */
public enum Marker {
    /** An e-mail address, also percent-encoded or written "alice at example dot com". */
    EMAIL("[email]"),
    /** A phone number libphonenumber accepts as valid for a policy region or in international form. */
    PHONE("[phone]"),
    /** A payment card number (13 to 19 digits passing Luhn). */
    CARD("[card]"),
    /** An IBAN passing its MOD-97 check. */
    IBAN("[iban]"),
    /** A Chinese resident identity number with a valid ISO 7064 MOD 11-2 check character. */
    NATIONAL_ID("[national_id]"),
    /** A 15-digit IMEI passing Luhn. */
    IMEI("[imei]"),
    /** A MAC address. */
    MAC("[mac]"),
    /** An IPv4 or IPv6 address. */
    IP("[ip]"),
    /** A UUID. */
    UUID("[uuid]"),
    /** A long opaque token: high-entropy letters and digits. */
    TOKEN("[token]"),
    /** A password, secret, API key, session value, bearer or basic credential, or JWT. */
    CREDENTIAL("[credential]"),
    /** One of the event's own identifiers (or part of one), or a hex id. */
    ID("[id]"),
    /** An account handle after a label such as {@code wechat:} or {@code qq:}, or an {@code @handle}. */
    HANDLE("[handle]"),
    /** A document or registration number after its label (passport, SSN, licence, plate, serial), or a Chinese plate. */
    DOCUMENT("[document]"),
    /** A date of birth after its label ({@code dob:}, {@code date of birth}, {@code born on}, {@code 出生日期}). */
    BIRTH_DATE("[birth_date]"),
    /** Geographic coordinates: a latitude and longitude pair precise to a building. */
    LOCATION("[location]"),
    /** A long digit run no validator claims. */
    NUMBER("[number]"),
    /** A URL in free text that cannot be parsed, so cannot be scrubbed to its host and path. */
    URL("[url]");

    private final String text;

    Marker(String text) {
        this.text = text;
    }

    /** What replaces the span, e.g. {@code [email]}. */
    public String text() {
        return text;
    }
}
