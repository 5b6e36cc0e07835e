package dev.sieve.schemas.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.action.GeneralizeAction;
import dev.sieve.schemas.policy.action.ScrubUrlAction;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    /** A minimal valid policy; tests append one purpose to it. */
    private static final String HEAD = TestPolicies.HEAD + "purposes:\n";

    @Test
    void brokenPolicyReportsEveryProblemWithItsLocation() throws Exception {
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/policy/broken-policy.yaml")), StandardCharsets.UTF_8)) {
            assertThatThrownBy(() -> PolicyLoader.load("broken-policy.yaml", r))
                    .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(
                            e.problems().stream().map(PolicyProblem::toString).toList()).containsExactly(
                            "broken-policy.yaml:9:12: topics.purpose: retention 30d exceeds"
                                    + " purposes.surveys.families.ip.retention (1d): the topic would keep rows the"
                                    + " table has already deleted",
                            "broken-policy.yaml:21:22: purposes.analytics.families.device.fields.device_id: direct"
                                    + " identifier 'device_id' is kept as collected in purpose 'analytics', whose"
                                    + " identifiers are pseudonymous: use pseudonymize or drop",
                            "broken-policy.yaml:22:26: purposes.analytics.families.device.fields.battery_level:"
                                    + " unknown action 'hash' (known: keep, drop, pseudonymize, truncate_ip, generalize,"
                                    + " scrub_url, scrub_text)",
                            "broken-policy.yaml:23:25: purposes.analytics.families.device.fields.device_model: action"
                                    + " 'truncate_ip' does not apply to field 'device_model' of kind 'category' (valid:"
                                    + " keep, drop)",
                            "broken-policy.yaml:24:11: purposes.analytics.families.device.fields.imei: unknown field"
                                    + " 'imei' in family 'device' (known: event_id, event_time, received_time, app_id,"
                                    + " app_version, sdk_version, region, subject_id, device_id, geo_country,"
                                    + " geo_subdivision, consented_purposes, advertising_id, unique_device_identifier, device_model,"
                                    + " device_class, os_name, os_version, battery_level, signal_strength_dbm,"
                                    + " network_type)",
                            "broken-policy.yaml:28:14: purposes.cross_service.consent: purpose 'cross_service' rests"
                                    + " on section 2.other-services, which the privacy policy only allows with the"
                                    + " subject's consent: set consent: required",
                            "broken-policy.yaml:32:9: purposes.cross_service.families.service_log: no retention:"
                                    + " every purpose table needs one (policy 6.2)",
                            "broken-policy.yaml:33:25: purposes.cross_service.families.service_log.fields.search_query:"
                                    + " free text 'search_query' is kept as collected in purpose 'cross_service', whose"
                                    + " identifiers are pseudonymous: use scrub_text or drop",
                            "broken-policy.yaml:37:14: purposes.marketing.consent: consent must be required or"
                                    + " not_required, not 'maybe'",
                            "broken-policy.yaml:39:5: purposes.marketing.colour: unknown key 'colour' (expected:"
                                    + " consent, description, families, identifiers, k_anonymity, section)",
                            "broken-policy.yaml:42:20: purposes.marketing.families.device.retention: '10y' is not a"
                                    + " retention: write a positive number of hours or days, e.g. 12h or 30d",
                            "broken-policy.yaml:45:7: purposes.marketing.families.telemetry: unknown event family"
                                    + " 'telemetry' (known: device, software, ip, service_log, communication_log)",
                            "broken-policy.yaml:55:20: purposes.surveys.families.device.retention: retention 400d"
                                    + " exceeds max_retention 395d",
                            "broken-policy.yaml:61:58: purposes.surveys.families.ip.fields.ip_address.ipv4_prefix:"
                                    + " prefix length must be between 0 and 32",
                            "broken-policy.yaml:61:62: purposes.surveys.families.ip.fields.ip_address.allow_params:"
                                    + " option 'allow_params' does not apply to action 'truncate_ip' here"));
        }
    }

    @Test
    void exceptionMessageCountsAndListsTheProblems() {
        assertThatThrownBy(() -> load(purpose("analytics", "2.analytics", "not_required", "raw", """
                      device:
                        retention: 30d
                        fields:
                          event_id: keep
                """))).hasMessage("""
                1 problem in the policy:
                  test.yaml:16:18: purposes.analytics.identifiers: purpose 'analytics' rests on section 2.analytics,\
                 which promises its data is never matched with identities: identifiers must be pseudonymous or\
                 anonymous, not raw""");
    }

    @Test
    void anonymousPurposeMayNotHoldPseudonyms() {
        assertThatThrownBy(() -> load(purpose("analytics", "2.analytics", "not_required", "anonymous", """
                      device:
                        retention: 30d
                        fields:
                          device_id: pseudonymize
                """))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::message)
                .containsExactly("purpose 'analytics' is anonymous and may not hold pseudonyms: drop field 'device_id'"));
    }

    @Test
    void exactPerEventValuesMayNotBeKeptOutsideRawPurposesBecauseTheyJoinToTheRawRowsOfTheSameEvent() {
        assertThatThrownBy(() -> load(purpose("analytics", "2.analytics", "not_required", "pseudonymous", """
                      service_log:
                        retention: 30d
                        fields:
                          event_id: keep
                          event_time: keep
                          received_time: keep
                          duration_ms: keep
                """) + purpose("surveys", "2.8", "not_required", "anonymous", """
                      device:
                        retention: 30d
                        fields:
                          event_id: keep
                """))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::message).containsExactly(
                        "identifier 'event_id' is kept as collected in purpose 'analytics', whose identifiers are"
                                + " pseudonymous: the same value in a raw purpose's table would link this purpose's"
                                + " row to it; use pseudonymize or drop",
                        "exact time 'event_time' is kept as collected in purpose 'analytics', whose identifiers are"
                                + " pseudonymous: the same value in a raw purpose's table would link this purpose's"
                                + " row to it; use generalize or drop",
                        "exact time 'received_time' is kept as collected in purpose 'analytics', whose identifiers"
                                + " are pseudonymous: the same value in a raw purpose's table would link this"
                                + " purpose's row to it; use generalize or drop",
                        "exact number 'duration_ms' is kept as collected in purpose 'analytics', whose identifiers"
                                + " are pseudonymous: the same value in a raw purpose's table would link this"
                                + " purpose's row to it; use generalize or drop",
                        "identifier 'event_id' is kept as collected in purpose 'surveys', whose identifiers are"
                                + " anonymous: the same value in a raw purpose's table would link this purpose's row"
                                + " to it; use drop"));
    }

    @Test
    void aRawPurposeKeepsEventIdsAndExactTimes() throws Exception {
        Policy policy = load(purpose("service", "2.1", "not_required", "raw", """
                      service_log:
                        retention: 30d
                        fields:
                          event_id: keep
                          event_time: keep
                          duration_ms: keep
                """));
        assertThat(policy.purpose("service").orElseThrow().families()).hasSize(1);
    }

    @Test
    void aGivenFileIsLoadedAndNoneMeansTheDefaultPolicy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one-purpose.yaml");
        Files.writeString(file, HEAD + purpose("service", "2.1", "not_required", "raw", """
                      service_log:
                        retention: 30d
                        fields:
                          event_id: keep
                """));
        assertThat(PolicyLoader.load(Optional.of(file))).isEqualTo(PolicyLoader.load(file));
        assertThat(PolicyLoader.load(Optional.of(file)).purposes()).hasSize(1);
        assertThat(PolicyLoader.load(Optional.empty())).isEqualTo(PolicyLoader.loadDefault());
    }

    @Test
    void sensitiveFieldsAndUrlsMustBeTransformedOutsideRawPurposes() {
        assertThatThrownBy(() -> load(purpose("analytics", "2.analytics", "not_required", "pseudonymous", """
                      communication_log:
                        retention: 30d
                        fields:
                          started_at: keep
                          ip_placeholder_is_not_here: keep
                      service_log:
                        retention: 30d
                        fields:
                          referrer_url: keep
                      ip:
                        retention: 30d
                        fields:
                          ip_address: keep
                """))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::message).containsExactly(
                        "sensitive field 'started_at' is kept as collected in purpose 'analytics', whose identifiers"
                                + " are pseudonymous: use generalize or drop",
                        "unknown field 'ip_placeholder_is_not_here' in family 'communication_log' (known: event_id,"
                                + " event_time, received_time, app_id, app_version, sdk_version, region, subject_id,"
                                + " device_id, geo_country, geo_subdivision, consented_purposes, peer_account, channel, direction,"
                                + " started_at, duration_ms)",
                        "URL 'referrer_url' is kept as collected in purpose 'analytics', whose identifiers are"
                                + " pseudonymous: use scrub_url or drop",
                        "direct identifier 'ip_address' is kept as collected in purpose 'analytics', whose identifiers"
                                + " are pseudonymous: use pseudonymize, truncate_ip or drop"));
    }

    @Test
    void generalizeNeedsATargetThatFitsTheField() {
        assertThatThrownBy(() -> load(purpose("product", "2.3", "not_required", "pseudonymous", """
                      device:
                        retention: 30d
                        fields:
                          event_time: generalize
                          battery_level: {action: generalize, to: hour}
                          os_version: {action: generalize, to: week}
                """))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::message).containsExactly(
                        "generalize needs its target: write {action: generalize, to: hour|day|month}",
                        "missing required key 'bucket'",
                        "option 'to' does not apply to action 'generalize' here",
                        "cannot generalize a version to 'week' (known: major, minor)"));
    }

    @Test
    void fieldRulesCarryTheirOptions() throws PolicyException {
        Policy policy = load(purpose("analytics", "2.analytics", "not_required", "pseudonymous", """
                      ip:
                        retention: 36h
                        fields:
                          ip_address: {action: truncate_ip, ipv4_prefix: 16, ipv6_prefix: 32}
                      service_log:
                        retention: 2d
                        fields:
                          referrer_url: {action: scrub_url, allow_params: [utm_source]}
                          duration_ms: {action: generalize, bucket: 250}
                """));
        Purpose analytics = policy.purpose("analytics").orElseThrow();
        FamilyRule ip = analytics.family(EventFamily.IP).orElseThrow();
        assertThat(ip.retention()).isEqualTo(Duration.ofHours(36));
        assertThat(ip.rule("ip_address").orElseThrow().action().describe()).isEqualTo("truncated to /16 (IPv4), /32 (IPv6)");
        FamilyRule log = analytics.family(EventFamily.SERVICE_LOG).orElseThrow();
        assertThat(log.rule("referrer_url").orElseThrow().action()).isEqualTo(new ScrubUrlAction(List.of("utm_source")));
        assertThat(log.rule("duration_ms").orElseThrow().action()).isEqualTo(GeneralizeAction.inBucketsOf(250));
        assertThat(log.rule("search_query")).as("default deny").isEmpty();
    }

    @Test
    void invalidYamlIsReportedWithItsPosition() {
        assertThatThrownBy(() -> PolicyLoader.load("bad.yaml", new StringReader("version: 1\nregions: [a\n")))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems()).hasSize(1)
                        .first().satisfies(p -> {
                            assertThat(p.line()).isEqualTo(3);
                            assertThat(p.message()).startsWith("not valid YAML: ");
                        }));
    }

    @Test
    void duplicateKeysAreRejected() {
        String yaml = HEAD.replace("version: 1\n", "version: 1\nversion: 2\n")
                + purpose("surveys", "2.8", "not_required", "raw", """
                      device:
                        retention: 30d
                        fields:
                          subject_id: keep
                """);
        assertThatThrownBy(() -> PolicyLoader.load("dup.yaml", new StringReader(yaml)))
                .hasMessage("1 problem in the policy:\n  dup.yaml:2:1: version: duplicate key 'version'");
    }

    @Test
    void emptyFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> PolicyLoader.load("empty.yaml", new StringReader("")))
                .hasMessage("1 problem in the policy:\n  empty.yaml: the policy file is empty");
    }

    @Test
    void missingTopLevelKeysAreAllReported() {
        assertThatThrownBy(() -> PolicyLoader.load("t.yaml", new StringReader("version: 1\n")))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .extracting(PolicyProblem::message).containsExactly(
                                "missing required key 'max_retention'",
                                "missing required key 'regions'",
                                "missing required key 'topics'",
                                "missing required key 'purposes'"));
    }

    @Test
    void urlRoutesAreReadPerApp() throws PolicyException {
        Policy policy = PolicyLoader.load("routes.yaml", new StringReader(HEAD + RAW_PURPOSE + """
                url_routes:
                  notes: ["/account/:user/orders", "/notes/:note"]
                  shop: ["/p/:product"]
                """));
        assertThat(policy.urlRoutes()).containsExactly(
                Map.entry("notes", List.of("/account/:user/orders", "/notes/:note")),
                Map.entry("shop", List.of("/p/:product")));
    }

    @Test
    void urlRoutesAreOptional() throws PolicyException {
        assertThat(PolicyLoader.load("t.yaml", new StringReader(HEAD + RAW_PURPOSE)).urlRoutes()).isEmpty();
    }

    @Test
    void theResponsePeriodIsReadAndDefaultsToFifteenDays() throws PolicyException {
        assertThat(PolicyLoader.load("t.yaml", new StringReader("response_period: 30d\n" + HEAD + RAW_PURPOSE))
                .responsePeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(PolicyLoader.load("t.yaml", new StringReader(HEAD + RAW_PURPOSE)).responsePeriod())
                .isEqualTo(Duration.ofDays(15)).isEqualTo(Policy.DEFAULT_RESPONSE_PERIOD);
        assertThatThrownBy(() -> PolicyLoader.load("t.yaml", new StringReader("response_period: soon\n" + HEAD
                + RAW_PURPOSE))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::toString).containsExactly("t.yaml:1:18: response_period: 'soon' is not a"
                        + " retention: write a positive number of hours or days, e.g. 12h or 30d"));
    }

    @Test
    void badRouteTemplatesAreAllReported() {
        assertThatThrownBy(() -> PolicyLoader.load("routes.yaml", new StringReader(HEAD + RAW_PURPOSE + """
                url_routes:
                  notes: ["notes/:note", "/a//b", "/q?x=1", "/n/:Note", "/notes/:note", "/notes/:note"]
                  shop: "/p/:product"
                """))).isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                .extracting(PolicyProblem::toString).containsExactly(
                        "routes.yaml:23:11: url_routes.notes: template 'notes/:note' must be a path starting with"
                                + " '/', e.g. /notes/:note",
                        "routes.yaml:23:26: url_routes.notes: template '/a//b' has segment '': write a literal of"
                                + " letters, digits and . _ ~ - or a :name placeholder (lower-case), and no empty"
                                + " segment, query or fragment",
                        "routes.yaml:23:35: url_routes.notes: template '/q?x=1' has segment 'q?x=1': write a literal"
                                + " of letters, digits and . _ ~ - or a :name placeholder (lower-case), and no empty"
                                + " segment, query or fragment",
                        "routes.yaml:23:45: url_routes.notes: template '/n/:Note' has segment ':Note': write a"
                                + " literal of letters, digits and . _ ~ - or a :name placeholder (lower-case), and no"
                                + " empty segment, query or fragment",
                        "routes.yaml:23:73: url_routes.notes: template '/notes/:note' is listed twice",
                        "routes.yaml:24:9: url_routes.shop: expected a list of path templates, e.g."
                                + " [\"/notes/:note\"]"));
    }

    private static final String RAW_PURPOSE = """
              surveys:
                section: "2.8"
                description: test
                consent: not_required
                identifiers: raw
                families:
                  device:
                    retention: 30d
                    fields:
                      subject_id: keep
            """;

    private static Policy load(String purposesYaml) throws PolicyException {
        return PolicyLoader.load("test.yaml", new StringReader(HEAD + purposesYaml));
    }

    private static String purpose(String id, String section, String consent, String identifiers, String families) {
        return "  " + id + ":\n"
                + "    section: \"" + section + "\"\n"
                + "    description: test\n"
                + "    consent: " + consent + "\n"
                + "    identifiers: " + identifiers + "\n"
                + "    families:\n"
                + families;
    }
}
