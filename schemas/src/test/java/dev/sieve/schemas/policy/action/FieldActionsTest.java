package dev.sieve.schemas.policy.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.FieldRule;
import dev.sieve.schemas.policy.Granularity;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import dev.sieve.schemas.policy.PolicyProblem;
import dev.sieve.schemas.policy.Rotation;
import dev.sieve.schemas.policy.TestPolicies;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry of field actions, and each action's reading of its options in a policy file. */
class FieldActionsTest {

    /** One family rule of a raw purpose (which may keep anything), to hold the rule under test. */
    private static final String POLICY = TestPolicies.HEAD + """
            purposes:
              surveys:
                section: "2.8"
                description: test
                consent: not_required
                identifiers: raw
                families:
                  %s:
                    retention: 30d
                    fields:
                      %s: %s
            """;

    /** Per action: a field it applies to, a rule that reads well and what it reads, a bad rule and its problem. */
    private record Case(EventFamily family, String field, String rule, FieldAction read, String badRule,
            String problem) {}

    private static final Map<ActionType<?>, Case> CASES = new LinkedHashMap<>();

    static {
        CASES.put(KeepAction.TYPE, new Case(EventFamily.DEVICE, "device_model", "keep", new KeepAction(),
                "{action: keep, rotate: day}", "device_model.rotate: option 'rotate' does not apply to action 'keep' here"));
        CASES.put(DropAction.TYPE, new Case(EventFamily.DEVICE, "device_model", "{action: drop}", new DropAction(),
                "{action: drop, bucket: 5}", "device_model.bucket: option 'bucket' does not apply to action 'drop' here"));
        CASES.put(PseudonymizeAction.TYPE, new Case(EventFamily.DEVICE, "device_id",
                "{action: pseudonymize, rotate: week}", new PseudonymizeAction(Optional.of(Rotation.WEEK)),
                "{action: pseudonymize, rotate: hourly}",
                "device_id.rotate: cannot rotate a pseudonym every 'hourly' (known: day, week, month)"));
        CASES.put(TruncateIpAction.TYPE, new Case(EventFamily.IP, "ip_address", "{action: truncate_ip, ipv6_prefix: 64}",
                new TruncateIpAction(24, 64), "{action: truncate_ip, ipv6_prefix: 129}",
                "ip_address.ipv6_prefix: prefix length must be between 0 and 128"));
        CASES.put(GeneralizeAction.TYPE, new Case(EventFamily.DEVICE, "battery_level",
                "{action: generalize, bucket: 10}", GeneralizeAction.inBucketsOf(10), "{action: generalize, bucket: 0}",
                "battery_level.bucket: bucket must be positive"));
        CASES.put(ScrubUrlAction.TYPE, new Case(EventFamily.SERVICE_LOG, "page_url",
                "{action: scrub_url, allow_params: [utm_source, q]}", new ScrubUrlAction(List.of("utm_source", "q")),
                "{action: scrub_url, allow_params: utm_source}", "page_url.allow_params: expected a list"));
        CASES.put(ScrubTextAction.TYPE, new Case(EventFamily.SERVICE_LOG, "search_query", "scrub_text",
                new ScrubTextAction(), "{action: scrub_text, allow_params: [q]}",
                "search_query.allow_params: option 'allow_params' does not apply to action 'scrub_text' here"));
    }

    @Test
    void everyActionClassIsRegisteredOnceAndTheCasesHereCoverEveryRegisteredAction() throws Exception {
        Set<ActionType<?>> declared = new HashSet<>();
        for (Class<?> c : actionClasses()) {
            declared.add((ActionType<?>) c.getField("TYPE").get(null));
        }
        assertThat(FieldActions.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
        assertThat(FieldActions.ids()).doesNotHaveDuplicates();
        assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(FieldActions.ALL);
    }

    @Test
    void eachActionReadsItsOptionsIntoAValueOfItsOwnType() throws PolicyException {
        for (Case c : CASES.values()) {
            FieldRule rule = rule(c, c.rule());
            assertThat(rule.action()).as(c.rule()).isEqualTo(c.read());
            assertThat(rule.action().type()).as(c.rule()).isSameAs(CASES.entrySet().stream()
                    .filter(e -> e.getValue() == c).findFirst().orElseThrow().getKey());
        }
    }

    @Test
    void eachActionRejectsABadOptionWithAMessageThatSaysWhatIsWrongWhere() {
        for (Case c : CASES.values()) {
            String fieldPath = "purposes.surveys.families." + c.family().id() + ".fields.";
            assertThatThrownBy(() -> rule(c, c.badRule())).as(c.badRule()).isInstanceOfSatisfying(
                    PolicyException.class, e -> assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message())
                            .containsExactly(fieldPath + c.problem()));
        }
    }

    @Test
    void optionsThatAreWrittenWrongAreEachReported() {
        assertThat(problems(EventFamily.IP, "ip_address", "{action: truncate_ip, ipv4_prefix: x, ipv6_prefix: -1}"))
                .containsExactly("'x' is not a whole number", "prefix length must be between 0 and 128");
        assertThat(problems(EventFamily.DEVICE, "os_version", "{action: generalize, to: hour}"))
                .containsExactly("cannot generalize a version to 'hour' (known: major, minor)");
        assertThat(problems(EventFamily.DEVICE, "battery_level", "{action: generalize, bucket: many}"))
                .containsExactly("'many' is not a whole number");
        assertThat(problems(EventFamily.DEVICE, "battery_level", "generalize"))
                .containsExactly("generalize needs its target: write {action: generalize, bucket: <width>}");
        assertThat(problems(EventFamily.SERVICE_LOG, "page_url", "{action: scrub_url, allow_params: [utm_source, \"\"]}"))
                .containsExactly("expected a non-empty value");
        assertThat(problems(EventFamily.DEVICE, "device_model", "{action: keep, colour: red}"))
                .containsExactly("unknown key 'colour' (expected: action, allow_params, bucket, ipv4_prefix, ipv6_prefix,"
                        + " rotate, to)");
        assertThat(problems(EventFamily.DEVICE, "device_model", "{rotate: day}"))
                .containsExactly("missing required key 'action'");
    }

    @Test
    void anActionOnAFieldOfAKindItDoesNotTakeIsReportedWithTheActionsThatDo() {
        assertThat(problems(EventFamily.DEVICE, "device_model", "{action: generalize, to: hour}"))
                .containsExactly("action 'generalize' does not apply to field 'device_model' of kind 'category' (valid:"
                        + " keep, drop)");
        assertThat(FieldActions.idsFor(FieldKind.IP_ADDRESS)).containsExactly("keep", "drop", "pseudonymize",
                "truncate_ip");
    }

    @Test
    void whatEachActionStoresMatchesItsForm() {
        for (Case c : CASES.values()) {
            Optional<StoredValue> stored = c.read().output(c.family().fields().get(c.field()));
            assertThat(stored.isEmpty()).as(c.rule()).isEqualTo(c.read().type().form() == StoredForm.NOTHING);
        }
        assertThat(new PseudonymizeAction(Optional.empty()).output(EventFamily.IP.fields().get("ip_address"))
                .orElseThrow().kind()).as("a pseudonym of an address is no address").isEqualTo(FieldKind.IDENTIFIER);
        assertThat(new TruncateIpAction(24, 48).output(EventFamily.IP.fields().get("ip_address")).orElseThrow().kind())
                .isEqualTo(FieldKind.IP_ADDRESS);
        assertThat(GeneralizeAction.to(Granularity.MINOR).output(EventFamily.DEVICE.fields().get("os_version"))
                .orElseThrow().kind()).isEqualTo(FieldKind.VERSION);
    }

    @Test
    void actionsBuiltInCodeAreCheckedLikeThoseReadFromAFile() {
        assertThatThrownBy(() -> new TruncateIpAction(33, 48)).hasMessage("ipv4Prefix must be between 0 and 32");
        assertThatThrownBy(() -> GeneralizeAction.inBucketsOf(0)).hasMessage("bucket must be positive");
        assertThatThrownBy(() -> new GeneralizeAction(Optional.of(Granularity.DAY), OptionalLong.of(5)))
                .hasMessage("generalize takes a granularity or a bucket, not both or neither");
    }

    private static FieldRule rule(Case c, String rule) throws PolicyException {
        Policy policy = PolicyLoader.load("test.yaml", new StringReader(POLICY.formatted(c.family().id(), c.field(),
                rule)));
        return policy.purpose("surveys").orElseThrow().family(c.family()).orElseThrow().rule(c.field()).orElseThrow();
    }

    private static List<String> problems(EventFamily family, String field, String rule) {
        try {
            PolicyLoader.load("test.yaml", new StringReader(POLICY.formatted(family.id(), field, rule)));
        } catch (PolicyException e) {
            return e.problems().stream().map(PolicyProblem::message).toList();
        }
        return List.of();
    }

    /** The classes of this package that implement {@link FieldAction}, found on disk, not from the registry. */
    private static List<Class<?>> actionClasses() throws Exception {
        String pkg = FieldAction.class.getPackageName();
        Path dir = Path.of(FieldAction.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(pkg.replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (FieldAction.class.isAssignableFrom(c) && !c.isInterface()) {
                        out.add(c);
                    }
                }
            }
        }
        assertThat(out).as("action classes found in " + dir).isNotEmpty();
        return out;
    }
}
