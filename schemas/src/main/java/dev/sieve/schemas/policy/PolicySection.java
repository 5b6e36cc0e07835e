package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.Vocabulary;
import java.util.List;
import java.util.Optional;

/**
 * The passages of the privacy policy ({@code shared/policy-source/privacy-policy.txt}, section 2) that name a
 * purpose. Every purpose in the policy file must cite one. What the text says about consent and identity
 * lives here, once, and the loader's rules read it.
 */
public enum PolicySection implements Vocabulary {
    SERVICE("2.1", "Providing services to you.", false, false),
    INDIVIDUAL_NEEDS("2.2", "To meet your individual needs, e.g. language settings, location settings and"
            + " personalized help services.", false, false),
    PRODUCT_DEVELOPMENT("2.3", "Product development and service optimization, e.g. recording and analyzing"
            + " the information generated when the system fails.", false, false),
    SECURITY("2.4", "Security: identity verification, security prevention, anti-fraud monitoring, archiving"
            + " backup, customer security services.", false, false),
    ADVERTISING("2.5", "Recommend advertisements and information that may be of interest to you.", false, false),
    AD_EFFECTIVENESS("2.6", "Evaluate and improve the effectiveness of advertising and other promotions.",
            false, false),
    SOFTWARE_MANAGEMENT("2.7", "Management software: software certification, software upgrades.", false, false),
    SURVEYS("2.8", "Invite you to participate in surveys about our services.", false, false),
    /** "... or for other purposes with your consent ... used for our other services ... user research analysis." */
    OTHER_SERVICES("2.other-services", "With your consent: information from one service used to show"
            + " personalized content or advertisements in another service, and for user research analysis.",
            true, false),
    /** "We do not compare the information we store in our analytics software with the personally identifiable information." */
    ANALYTICS("2.analytics", "Analysis and statistics: how often you use the application, fault information,"
            + " overall usage, performance data and application sources; never compared with the personally"
            + " identifiable information you provide.", false, true);

    private final String id;
    private final String summary;
    private final boolean consentRequired;
    private final boolean unlinkableToIdentity;

    PolicySection(String id, String summary, boolean consentRequired, boolean unlinkableToIdentity) {
        this.id = id;
        this.summary = summary;
        this.consentRequired = consentRequired;
        this.unlinkableToIdentity = unlinkableToIdentity;
    }

    /** How the policy file cites the section, e.g. {@code 2.4}. */
    @Override
    public String id() {
        return id;
    }

    /** The section's promise in brief, for the inventory. */
    public String summary() {
        return summary;
    }

    /** Whether the policy only allows this use with the subject's consent ("we will ask you again"). */
    public boolean consentRequired() {
        return consentRequired;
    }

    /** Whether the policy promises this use is never matched with identities. */
    public boolean unlinkableToIdentity() {
        return unlinkableToIdentity;
    }

    public static List<String> ids() {
        return Vocabulary.ids(PolicySection.class);
    }

    public static Optional<PolicySection> fromId(String id) {
        return Vocabulary.parse(PolicySection.class, id);
    }
}
