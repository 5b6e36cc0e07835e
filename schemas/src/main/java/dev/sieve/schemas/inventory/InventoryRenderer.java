package dev.sieve.schemas.inventory;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.IdentifierForm;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.QuasiIdentifiers;
import dev.sieve.schemas.policy.Region;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.schemas.policy.action.StoredForm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a policy as the processing inventory people read: what is collected, for which purpose, in what
 * form, for how long, and whether consent is asked. The same policy object drives the pipeline, so the page
 * cannot drift from what is enforced as long as it is re-rendered (a test checks the committed copy).
 */
public final class InventoryRenderer {

    private InventoryRenderer() {}

    /**
     * @param policy     the policy to describe
     * @param sourceName name of the policy file, quoted in the page's header
     */
    public static String render(Policy policy, String sourceName) {
        StringBuilder md = new StringBuilder();
        md.append("# Processing inventory\n\n");
        md.append("> Rendered from `").append(sourceName).append("` (policy version ").append(policy.version())
                .append("). Do not edit by hand: change the policy and run `./sieve policy render`.\n\n");
        md.append("This page lists every piece of information Sieve collects, why it is used, in what form each"
                + " purpose stores it, how long it is kept and whether your consent is asked first. It is rendered"
                + " from the same policy file the pipeline enforces. Information a purpose does not list is"
                + " never stored for that purpose.\n\n");
        purposes(md, policy);
        collected(md, policy);
        stored(md, policy);
        linkage(md, policy);
        scrubbing(md, policy);
        kAnonymity(md, policy);
        whereAndHowLong(md, policy);
        return md.toString();
    }

    private static void purposes(StringBuilder md, Policy policy) {
        md.append("## Why: the purposes\n\n");
        md.append("| Purpose | Privacy policy | What for | Your consent | Identifiers |\n");
        md.append("|---|---|---|---|---|\n");
        for (Purpose p : policy.purposes().values()) {
            md.append("| `").append(p.id()).append("` | ").append(p.section().id()).append(": ")
                    .append(p.section().summary()).append(" | ").append(p.description()).append(" | ")
                    .append(p.consentRequired() ? "asked first; only fed while given" : "not asked (policy section 2)")
                    .append(" | ").append(identifiers(p.identifiers())).append(" |\n");
        }
        md.append('\n');
    }

    private static void collected(StringBuilder md, Policy policy) {
        md.append("## What: the information collected\n\n");
        for (EventFamily family : EventFamily.values()) {
            md.append("### ").append(family.title()).append(" (`").append(family.id()).append("`, policy ")
                    .append(family.policySection()).append(")\n\n");
            md.append("| Field | What it is | Class | Used for |\n");
            md.append("|---|---|---|---|\n");
            for (ContractField field : family.fields().values()) {
                md.append("| `").append(field.name()).append("` | ").append(field.doc()).append(" | ")
                        .append(field.privacy().id().replace('_', ' ')).append(" | ")
                        .append(usedFor(policy, family, field)).append(" |\n");
            }
            md.append('\n');
        }
        routes(md, policy);
    }

    /** The apps' URL route templates, which say what of a page address {@code scrub_url} keeps. */
    private static void routes(StringBuilder md, Policy policy) {
        if (policy.urlRoutes().isEmpty()) {
            return;
        }
        md.append("A scrubbed URL whose path matches one of its app's route templates is stored as the template:"
                + " only the template's own words are kept, each `:name` part replaces what was there.\n\n");
        md.append("| App | Route templates |\n|---|---|\n");
        policy.urlRoutes().forEach((app, templates) -> md.append("| `").append(app).append("` | ")
                .append(String.join(", ", templates.stream().map(t -> "`" + t + "`").toList())).append(" |\n"));
        md.append('\n');
    }

    private static String usedFor(Policy policy, EventFamily family, ContractField field) {
        List<String> uses = new ArrayList<>();
        for (Purpose p : policy.purposesFor(family)) {
            p.family(family).flatMap(r -> r.rule(field.name())).filter(InventoryRenderer::stores)
                    .ifPresent(r -> uses.add("`" + p.id() + "` (" + r.action().describe() + ")"));
        }
        return uses.isEmpty() ? "never stored" : String.join("; ", uses);
    }

    private static void stored(StringBuilder md, Policy policy) {
        md.append("## How: what each purpose stores\n\n");
        for (Purpose p : policy.purposes().values()) {
            md.append("### `").append(p.id()).append("`\n\n");
            md.append(p.description()).append(" Consent: ")
                    .append(p.consentRequired() ? "required" : "not required").append(". Identifiers: ")
                    .append(identifiers(p.identifiers())).append(".\n\n");
            md.append("| Table | Kept for | Fields |\n");
            md.append("|---|---|---|\n");
            for (FamilyRule r : p.families().values()) {
                List<String> fields = new ArrayList<>();
                for (FieldRule f : r.fields().values()) {
                    if (stores(f)) {
                        fields.add("`" + f.field() + "` " + f.action().describe());
                    }
                }
                md.append("| `").append(p.tableName(r.family())).append("` | ").append(days(r.retention()))
                        .append(" | ").append(String.join("; ", fields)).append(" |\n");
            }
            md.append('\n');
            rotations(p).forEach(rotation -> md.append("Pseudonyms replaced every ").append(rotation.id())
                    .append(": ").append(rotation.consequences()).append("\n\n"));
        }
    }

    private static boolean stores(FieldRule rule) {
        return rule.action().type().form() != StoredForm.NOTHING;
    }

    private static Set<Rotation> rotations(Purpose p) {
        Set<Rotation> out = EnumSet.noneOf(Rotation.class);
        p.families().values().forEach(r -> r.fields().values().forEach(f -> f.rotate().ifPresent(out::add)));
        return out;
    }

    /** What keeps the rows of a purpose that never sees identities from being matched with those of one that does. */
    private static void linkage(StringBuilder md, Policy policy) {
        List<String> raw = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Purpose p : policy.purposes().values()) {
            (p.identifiers() == IdentifierForm.RAW ? raw : other).add("`" + p.id() + "`");
        }
        md.append("## Can one purpose's data be matched with another's?\n\n");
        md.append("Purposes that see identifiers as collected: ").append(String.join(", ", raw))
                .append(". Purposes that never do: ").append(String.join(", ", other)).append(".\n\n");
        md.append("No value that is exact per event or per person is shared between a table of the second kind and"
                + " any other table: each of them stores the event's id, the subject and the device only as its own"
                + " pseudonym (made with a key of its own, so the same event or person has a different pseudonym in"
                + " every purpose), and times and measurements only coarsened, never to the millisecond. The time a"
                + " row was stored is kept to the hour, and the rows stored together are kept in an order of the"
                + " purpose's own, not in the order they arrived. Where pseudonyms are replaced every period, the"
                + " period's key is destroyed after it, and from then on nobody, Sieve included, can match those rows"
                + " with anything.\n\n");
        md.append("What can still match: content a purpose keeps because it needs it, such as a search string or a"
                + " page address, is the same text in every purpose that keeps it, so someone allowed to read tables"
                + " of both kinds could match rows whose text is unique. Analysts may read only tables of the second"
                + " kind. Combinations of coarse values can still single a person out within one table; the next"
                + " section measures that.\n\n");
    }

    /** What scrubbed text and URLs lose and what they may still hold; only for a policy that scrubs. */
    private static void scrubbing(StringBuilder md, Policy policy) {
        boolean scrubs = policy.purposes().values().stream().flatMap(p -> p.families().values().stream())
                .flatMap(f -> f.fields().values().stream())
                .anyMatch(r -> r.action().type().form() == StoredForm.SCRUBBED);
        if (!scrubs) {
            return;
        }
        md.append("## Free text and addresses: what scrubbing removes, and what it cannot\n\n");
        md.append("Scrubbed text has every identifier Sieve recognizes replaced by a word in brackets that says what"
                + " was there, never any of it: e-mail addresses (also percent-encoded, written with \"at\" and"
                + " \"dot\", or with look-alike letters of other scripts), phone numbers, payment card, IBAN,"
                + " identity, IMEI, passport and other document numbers after their name, licence plates, IP and MAC"
                + " addresses (also written into a host name or defanged), map coordinates precise to a building,"
                + " dates of birth after their label,"
                + " device ids, passwords, keys and other credentials, long random tokens, numbers read out one"
                + " digit at a time (in words or Chinese numerals) or with letters typed for digits, account handles"
                + " after their label or a messaging app's name, account names in home directories' paths, and the"
                + " event's own identifiers and their parts. Text is read the way a person or a browser would read"
                + " it (full-width letters, escapes, HTML entities and base64 decoded, invisible characters"
                + " ignored), and a link inside text is scrubbed like an address. A scrubbed address keeps"
                + " where a link points (its site and path) but not who followed it: no user name or password, no"
                + " query (apart from the parameters the purpose lists) or fragment, and path parts that identify"
                + " someone replaced.\n\n");
        md.append("What scrubbing cannot catch: names, street addresses and other identifying prose with no shape to"
                + " recognize (\"the tall woman at number 12\"); identifiers split across fields or broken up by"
                + " words within one; numbers written with letters in place of digits other than o, l and i; a document"
                + " number written without the document's name; personal website addresses (a site is kept). Text"
                + " that must not reach a purpose at all is not scrubbed for it but dropped.\n\n");
    }

    private static void kAnonymity(StringBuilder md, Policy policy) {
        md.append("## How hard it is to single someone out: k-anonymity\n\n");
        md.append("Tables without raw identifiers still hold facts that narrow a person down in combination, such as"
                + " a device model, an app version, an hour and a country: the quasi-identifiers (fields classed"
                + " quasi identifier or sensitive above, and truncated IP addresses). A table is k-anonymous when"
                + " every row shares its quasi-identifier values with at least k - 1 other rows, so whoever knows"
                + " those facts about someone cannot tell which of k rows is theirs. `sieve audit` measures k over"
                + " the rows each table still keeps (its retention) and fails when a table falls below its"
                + " minimum, naming the columns that make rows stand out.\n\n");
        md.append("What k does not say: rows of one group may all share the same other values (the same action, the"
                + " same failure), and then knowing someone is in the group tells what they did; k does not guard"
                + " against that (attribute disclosure). k counts rows, not people: one device sending many events"
                + " fills a group on its own. Pseudonyms are identifiers, not quasi-identifiers: they are"
                + " not counted, and rows with the same pseudonym belong to the same device or person. Coarser"
                + " generalization (a day instead of an hour, a major instead of a minor version, wider buckets)"
                + " merges groups and raises k; keeping a field as collected splits them.\n\n");
        md.append("| Table | Quasi-identifiers | Minimum k |\n");
        md.append("|---|---|---|\n");
        for (Purpose p : policy.purposes().values()) {
            if (p.identifiers() == IdentifierForm.RAW) {
                continue;
            }
            for (FamilyRule r : p.families().values()) {
                List<String> columns = QuasiIdentifiers.of(r).stream().map(c -> "`" + c + "`").toList();
                md.append("| `").append(p.tableName(r.family())).append("` | ")
                        .append(columns.isEmpty() ? "none" : String.join(", ", columns)).append(" | ")
                        .append(policy.kAnonymity().minK(p.id())).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void whereAndHowLong(StringBuilder md, Policy policy) {
        md.append("## Where and how long\n\n");
        md.append("Data is stored only in the region of the person it describes (policy 6.1):\n\n");
        for (Region r : policy.regions().values()) {
            md.append("- `").append(r.id()).append("`, in ").append(r.country()).append('\n');
        }
        md.append("\nNo table keeps data longer than ").append(days(policy.maxRetention()))
                .append(" (policy 6.2). On its way, data waits in Kafka topics for at most:\n\n");
        md.append("- raw events, as collected: ").append(days(policy.topicRetention(TopicClass.RAW))).append('\n');
        md.append("- enriched events: ").append(days(policy.topicRetention(TopicClass.ENRICHED))).append('\n');
        md.append("- each purpose's view: ").append(days(policy.topicRetention(TopicClass.PURPOSE))).append('\n');
        md.append("- rejected events awaiting repair: ").append(days(policy.topicRetention(TopicClass.DLQ)))
                .append('\n');
        md.append("\nA legal obligation (policy 6.2.1) can suspend deletion for one person through a legal hold."
                + " An erasure request removes a person from every table.\n");
        md.append("\nA request to access your information, delete it or change your consent is answered within ")
                .append(days(policy.responsePeriod())).append(" of its receipt, once your identity is verified"
                        + " (policy 5.3, 5.4).\n");
    }

    private static String identifiers(IdentifierForm form) {
        return switch (form) {
            case RAW -> "as collected";
            case PSEUDONYMOUS -> "pseudonyms only, unlinkable to other purposes";
            case ANONYMOUS -> "none";
        };
    }

    private static String days(Duration d) {
        if (d.toHours() % 24 != 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
}
