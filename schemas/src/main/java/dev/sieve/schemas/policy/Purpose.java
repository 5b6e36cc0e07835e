package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.EventFamily;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One purpose the privacy policy names, with what it receives.
 *
 * @param id              name used in topics and tables, e.g. {@code analytics}
 * @param section         the privacy policy's section that grounds it
 * @param description     one line for the inventory
 * @param consentRequired whether only subjects whose current consent covers this purpose feed it
 * @param identifiers     in which form it sees direct identifiers
 * @param families        what it receives of each family, in policy-file order
 */
public record Purpose(
        String id,
        PolicySection section,
        String description,
        boolean consentRequired,
        IdentifierForm identifiers,
        Map<EventFamily, FamilyRule> families) {

    public Purpose {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(identifiers, "identifiers");
        families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
    }

    /** The ClickHouse table holding this purpose's view of a family: {@code <purpose>_<family>}. */
    public String tableName(EventFamily family) {
        return id + "_" + family.id();
    }

    public Optional<FamilyRule> family(EventFamily family) {
        return Optional.ofNullable(families.get(family));
    }
}
