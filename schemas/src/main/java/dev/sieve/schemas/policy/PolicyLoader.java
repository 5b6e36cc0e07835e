package dev.sieve.schemas.policy;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.policy.action.ActionOptions;
import dev.sieve.schemas.policy.action.ActionType;
import dev.sieve.schemas.policy.action.FieldAction;
import dev.sieve.schemas.policy.action.FieldActions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy file (YAML) into a {@link Policy}, checking it against the event schemas and the privacy
 * policy's rules. It reports every problem in the file at once, each with its line, column and key path,
 * and returns a policy only when there are none.
 */
public final class PolicyLoader {

    /** Classpath location of the policy that implements {@code privacy-policy.txt}. */
    public static final String DEFAULT_POLICY_RESOURCE = "/policy/sieve-policy.yaml";

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([hd])");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern REGION_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    /** A route template segment: a literal of URL-unreserved chars, or a {@code :name} placeholder. */
    private static final Pattern ROUTE_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|:[a-z][a-z0-9_]*");

    private PolicyLoader() {}

    /** The default policy shipped in this module. */
    public static Policy loadDefault() throws PolicyException {
        InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_POLICY_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("default policy " + DEFAULT_POLICY_RESOURCE + " is not on the classpath");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load("sieve-policy.yaml", reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy in {@code file} when one is given, otherwise the default policy: every stage's choice, made here. */
    public static Policy load(Optional<Path> file) throws PolicyException, IOException {
        return file.isPresent() ? load(file.get()) : loadDefault();
    }

    public static Policy load(Path file) throws PolicyException, IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(file.getFileName().toString(), reader);
        }
    }

    /**
     * @param source name used in problem locations
     * @param yaml   the policy text
     */
    public static Policy load(String source, Reader yaml) throws PolicyException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new PolicyException(List.of(new PolicyProblem(source, mark.getLine() + 1, mark.getColumn() + 1, "",
                    "not valid YAML: " + e.getProblem())));
        }
        Reading reading = new Reading(source);
        Policy policy = reading.policy(root);
        if (!reading.problems.isEmpty()) {
            reading.problems.sort(Comparator.comparingInt(PolicyProblem::line).thenComparingInt(PolicyProblem::column));
            throw new PolicyException(reading.problems);
        }
        return policy;
    }

    /** One pass over one file; collects problems instead of stopping at the first. */
    private static final class Reading {
        private final String source;
        private final List<PolicyProblem> problems = new ArrayList<>();
        /** Purposes that set their own {@code k_anonymity.min_k}. */
        private final Map<String, Integer> purposeMinK = new LinkedHashMap<>();
        /** Where each successfully read duration stands, for rules that compare two of them. */
        private final Map<String, Node> valueNodes = new LinkedHashMap<>();

        Reading(String source) {
            this.source = source;
        }

        Policy policy(Node root) {
            if (root == null) {
                problem(null, "", "the policy file is empty");
                return null;
            }
            Map<String, NodeTuple> top = mapping(root, "", Set.of("version", "max_retention", "regions", "topics",
                    "purposes", "k_anonymity", "url_routes", "response_period"));
            int version = integer(required(top, root, "", "version"), "version").orElse(0);
            Duration maxRetention = duration(required(top, root, "", "max_retention"), "max_retention")
                    .orElse(Duration.ZERO);
            Duration responsePeriod = top.containsKey("response_period")
                    ? duration(top.get("response_period"), "response_period").orElse(Policy.DEFAULT_RESPONSE_PERIOD)
                    : Policy.DEFAULT_RESPONSE_PERIOD;
            Map<String, Region> regions = regions(required(top, root, "", "regions"));
            Map<TopicClass, Duration> topics = topics(required(top, root, "", "topics"));
            Map<String, Purpose> purposes = new LinkedHashMap<>();
            NodeTuple purposesTuple = required(top, root, "", "purposes");
            if (purposesTuple != null) {
                Map<String, NodeTuple> byId = mapping(purposesTuple.getValueNode(), "purposes", null);
                if (byId.isEmpty()) {
                    problem(purposesTuple.getValueNode(), "purposes", "declares no purpose");
                }
                byId.forEach((id, t) -> purpose(id, t, maxRetention)
                        .ifPresent(p -> purposes.put(id, p)));
            }
            purposeTopicRetention(topics, purposes);
            int minK = top.containsKey("k_anonymity") ? minK(top.get("k_anonymity"), "k_anonymity")
                    .orElse(KAnonymity.DEFAULT_MIN_K) : KAnonymity.DEFAULT_MIN_K;
            Map<String, List<String>> urlRoutes = urlRoutes(top.get("url_routes"));
            return new Policy(version, maxRetention, responsePeriod, regions, topics, purposes,
                    new KAnonymity(minK, purposeMinK), urlRoutes);
        }

        /** {@code url_routes} (optional): per app id, a list of path templates such as {@code /account/:user}. */
        private Map<String, List<String>> urlRoutes(NodeTuple tuple) {
            Map<String, List<String>> routes = new LinkedHashMap<>();
            if (tuple == null) {
                return routes;
            }
            mapping(tuple.getValueNode(), "url_routes", null).forEach((app, t) -> {
                String path = "url_routes." + app;
                List<String> templates = new ArrayList<>();
                if (t.getValueNode() instanceof SequenceNode seq) {
                    List<String> values = strings(seq, path);
                    for (int k = 0; k < values.size(); k++) {
                        String template = values.get(k);
                        Node node = seq.getValue().get(k);
                        if (templates.contains(template)) {
                            problem(node, path, "template '" + template + "' is listed twice");
                        } else if (routeTemplate(template, node, path)) {
                            templates.add(template);
                        }
                    }
                } else {
                    problem(t.getValueNode(), path, "expected a list of path templates, e.g. [\"/notes/:note\"]");
                }
                routes.put(app, templates);
            });
            return routes;
        }

        private boolean routeTemplate(String template, Node node, String path) {
            if (!template.startsWith("/") || template.length() == 1) {
                problem(node, path, "template '" + template + "' must be a path starting with '/', e.g. /notes/:note");
                return false;
            }
            boolean ok = true;
            for (String segment : template.substring(1).split("/", -1)) {
                if (!ROUTE_SEGMENT.matcher(segment).matches()) {
                    problem(node, path, "template '" + template + "' has segment '" + segment + "': write a literal"
                            + " of letters, digits and . _ ~ - or a :name placeholder (lower-case), and no empty"
                            + " segment, query or fragment");
                    ok = false;
                }
            }
            return ok;
        }

        private Map<String, Region> regions(NodeTuple tuple) {
            Map<String, Region> regions = new LinkedHashMap<>();
            if (tuple == null) {
                return regions;
            }
            Map<String, NodeTuple> byId = mapping(tuple.getValueNode(), "regions", null);
            if (byId.isEmpty()) {
                problem(tuple.getValueNode(), "regions", "declares no region; every event must be stored in one (policy 6.1)");
            }
            byId.forEach((id, t) -> {
                String path = "regions." + id;
                if (!REGION_ID.matcher(id).matches()) {
                    problem(t.getKeyNode(), path, "region id must be lower-case letters, digits and dashes");
                }
                Map<String, NodeTuple> fields = mapping(t.getValueNode(), path, Set.of("country"));
                string(required(fields, t.getValueNode(), path, "country"), path + ".country").ifPresent(country -> {
                    if (!COUNTRY.matcher(country).matches()) {
                        problem(fields.get("country").getValueNode(), path + ".country",
                                "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
                    } else {
                        regions.put(id, new Region(id, country));
                    }
                });
            });
            return regions;
        }

        private Map<TopicClass, Duration> topics(NodeTuple tuple) {
            Map<TopicClass, Duration> topics = new EnumMap<>(TopicClass.class);
            if (tuple == null) {
                return topics;
            }
            Map<String, NodeTuple> byClass = mapping(tuple.getValueNode(), "topics", Set.copyOf(TopicClass.ids()));
            for (TopicClass c : TopicClass.values()) {
                duration(required(byClass, tuple.getValueNode(), "topics", c.id()), "topics." + c.id())
                        .ifPresent(d -> topics.put(c, d));
            }
            return topics;
        }

        private Optional<Purpose> purpose(String id, NodeTuple tuple, Duration maxRetention) {
            String path = "purposes." + id;
            if (!NAME.matcher(id).matches()) {
                problem(tuple.getKeyNode(), path, "purpose id must be lower-case letters, digits and underscores"
                        + " (it names topics and tables)");
            }
            Node node = tuple.getValueNode();
            Map<String, NodeTuple> keys = mapping(node, path, Set.of("section", "description", "consent",
                    "identifiers", "families", "k_anonymity"));
            Optional<PolicySection> section = string(required(keys, node, path, "section"), path + ".section")
                    .flatMap(s -> known(PolicySection.fromId(s), keys.get("section"), path + ".section",
                            "section '" + s + "' of the privacy policy does not name a purpose",
                            PolicySection.ids()));
            String description = string(required(keys, node, path, "description"), path + ".description").orElse("");
            Optional<Boolean> consent = string(required(keys, node, path, "consent"), path + ".consent")
                    .flatMap(s -> known(s.equals("required") ? Optional.of(true)
                                    : s.equals("not_required") ? Optional.of(false) : Optional.empty(),
                            keys.get("consent"), path + ".consent", "consent must be required or not_required, not '"
                                    + s + "'", null));
            Optional<IdentifierForm> form = string(required(keys, node, path, "identifiers"), path + ".identifiers")
                    .flatMap(s -> known(IdentifierForm.fromId(s), keys.get("identifiers"), path + ".identifiers",
                            "unknown identifier form '" + s + "'", IdentifierForm.ids()));
            if (section.isPresent() && consent.isPresent()) {
                PolicyRules.consent(id, section.get(), consent.get())
                        .ifPresent(m -> problem(keys.get("consent").getValueNode(), path + ".consent", m));
            }
            if (section.isPresent() && form.isPresent()) {
                PolicyRules.identifiers(id, section.get(), form.get())
                        .ifPresent(m -> problem(keys.get("identifiers").getValueNode(), path + ".identifiers", m));
            }
            if (keys.containsKey("k_anonymity")) {
                NodeTuple k = keys.get("k_anonymity");
                if (form.orElse(null) == IdentifierForm.RAW) {
                    problem(k.getKeyNode(), path + ".k_anonymity", "purpose '" + id + "' sees raw identifiers:"
                            + " k-anonymity is only measured for pseudonymous and anonymous purposes");
                } else {
                    minK(k, path + ".k_anonymity").ifPresent(minK -> purposeMinK.put(id, minK));
                }
            }
            Map<EventFamily, FamilyRule> families = new LinkedHashMap<>();
            NodeTuple familiesTuple = required(keys, node, path, "families");
            if (familiesTuple != null) {
                Map<String, NodeTuple> byFamily = mapping(familiesTuple.getValueNode(), path + ".families", null);
                if (byFamily.isEmpty()) {
                    problem(familiesTuple.getValueNode(), path + ".families", "purpose receives no event family");
                }
                byFamily.forEach((familyId, t) -> {
                    String familyPath = path + ".families." + familyId;
                    known(EventFamily.fromId(familyId), t.getKeyNode(), familyPath, "unknown event family '" + familyId + "'",
                            EventFamily.ids()).ifPresent(family -> familyRule(id, form.orElse(IdentifierForm.RAW),
                                    family, t, familyPath, maxRetention)
                            .ifPresent(r -> families.put(family, r)));
                });
            }
            if (section.isEmpty() || consent.isEmpty() || form.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Purpose(id, section.get(), description, consent.get(), form.get(), families));
        }

        private Optional<FamilyRule> familyRule(String purposeId, IdentifierForm form, EventFamily family,
                NodeTuple tuple, String path, Duration maxRetention) {
            Node node = tuple.getValueNode();
            Map<String, NodeTuple> keys = mapping(node, path, Set.of("retention", "fields"));
            NodeTuple retentionTuple = keys.get("retention");
            Optional<Duration> retention = Optional.empty();
            if (retentionTuple == null) {
                problem(node, path, "no retention: every purpose table needs one (policy 6.2)");
            } else {
                retention = duration(retentionTuple, path + ".retention");
                retention.ifPresent(r -> {
                    if (!maxRetention.isZero() && r.compareTo(maxRetention) > 0) {
                        problem(retentionTuple.getValueNode(), path + ".retention", "retention "
                                + Durations.format(r) + " exceeds max_retention " + Durations.format(maxRetention));
                    }
                });
            }
            Map<String, FieldRule> fields = new LinkedHashMap<>();
            NodeTuple fieldsTuple = required(keys, node, path, "fields");
            if (fieldsTuple != null) {
                Map<String, NodeTuple> byField = mapping(fieldsTuple.getValueNode(), path + ".fields", null);
                byField.forEach((name, t) -> {
                    String fieldPath = path + ".fields." + name;
                    known(family.field(name), t.getKeyNode(), fieldPath, "unknown field '" + name + "' in family '" + family.id()
                            + "'", List.copyOf(family.fields().keySet()))
                            .flatMap(f -> fieldRule(f, t.getValueNode(), fieldPath))
                            .ifPresent(rule -> {
                                ContractField f = family.fields().get(name);
                                PolicyRules.field(purposeId, form, f, rule.action())
                                        .ifPresentOrElse(m -> problem(t.getValueNode(), fieldPath, m),
                                                () -> fields.put(name, rule));
                            });
                });
            }
            return retention.map(r -> new FamilyRule(family, r, fields));
        }

        /**
         * A field rule is an action name, or a mapping with {@code action} and the action's options, which the action
         * reads itself ({@link ActionType#read}).
         */
        private Optional<FieldRule> fieldRule(ContractField field, Node node, String path) {
            Map<String, NodeTuple> options;
            Optional<String> id;
            Node idNode;
            if (node instanceof ScalarNode scalar) {
                options = Map.of();
                id = Optional.of(scalar.getValue());
                idNode = node;
            } else {
                Set<String> keys = new TreeSet<>(FieldActions.optionNames());
                keys.add("action");
                options = mapping(node, path, keys);
                NodeTuple action = required(options, node, path, "action");
                id = string(action, path + ".action");
                idNode = action == null ? node : action.getValueNode();
            }
            Optional<? extends ActionType<?>> type = id.flatMap(s -> known(FieldActions.byId(s), idNode, path,
                    "unknown action '" + s + "'", FieldActions.ids()));
            if (type.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> wrongKind = PolicyRules.kind(type.get(), field);
            if (wrongKind.isPresent()) {
                problem(node, path, wrongKind.get());
                return Optional.empty();
            }
            Set<String> applicable = type.get().options(field.kind());
            options.forEach((key, t) -> {
                if (!key.equals("action") && !applicable.contains(key)) {
                    problem(t.getKeyNode(), path + "." + key, "option '" + key + "' does not apply to action '"
                            + type.get().id() + "' here");
                }
            });
            int before = problems.size();
            Optional<? extends FieldAction> action = type.get().read(new YamlOptions(field, type.get(), node, path,
                    options, node instanceof ScalarNode));
            // An action's reader reports what it rejects; a rule it read despite a report is not kept either.
            return action.filter(a -> problems.size() == before).map(a -> new FieldRule(field.name(), a));
        }

        /** The options of one field rule as its action reads them, each problem placed at its option. */
        private final class YamlOptions implements ActionOptions {
            private final ContractField field;
            private final ActionType<?> type;
            private final Node rule;
            private final String path;
            private final Map<String, NodeTuple> options;
            private final boolean shortForm;

            YamlOptions(ContractField field, ActionType<?> type, Node rule, String path, Map<String, NodeTuple> options,
                    boolean shortForm) {
                this.field = field;
                this.type = type;
                this.rule = rule;
                this.path = path;
                this.options = options;
                this.shortForm = shortForm;
            }

            @Override
            public ContractField field() {
                return field;
            }

            @Override
            public boolean has(String key) {
                return options.containsKey(key);
            }

            @Override
            public Optional<String> text(String key) {
                return string(options.get(key), path + "." + key);
            }

            @Override
            public Optional<Integer> wholeNumber(String key) {
                return integer(options.get(key), path + "." + key);
            }

            @Override
            public Optional<List<String>> texts(String key) {
                if (!has(key)) {
                    return Optional.of(List.of());
                }
                int before = problems.size();
                List<String> values = strings(options.get(key).getValueNode(), path + "." + key);
                return problems.size() == before ? Optional.of(values) : Optional.empty();
            }

            @Override
            public <T> Optional<T> oneOf(String key, Function<String, Optional<T>> parse, List<String> known,
                    Function<String, String> message) {
                return text(key).flatMap(s -> known(parse.apply(s), options.get(key), path + "." + key,
                        message.apply(s), known));
            }

            @Override
            public boolean require(String key, String what, String example) {
                if (has(key)) {
                    return true;
                }
                problem(rule, path, shortForm
                        ? type.id() + " needs its " + what + ": write {action: " + type.id() + ", " + key + ": "
                                + example + "}"
                        : "missing required key '" + key + "'");
                return false;
            }

            @Override
            public void reject(String key, String message) {
                problem(options.get(key).getValueNode(), path + "." + key, message);
            }
        }

        /**
         * "We only retain your personal information for the minimum period necessary": a purpose topic holds the
         * same rows as its tables, so it must not keep them longer than the shortest table does.
         */
        private void purposeTopicRetention(Map<TopicClass, Duration> topics, Map<String, Purpose> purposes) {
            Duration topic = topics.get(TopicClass.PURPOSE);
            if (topic == null) {
                return;
            }
            for (Purpose p : purposes.values()) {
                for (FamilyRule r : p.families().values()) {
                    String tablePath = "purposes." + p.id() + ".families." + r.family().id() + ".retention";
                    if (topic.compareTo(r.retention()) > 0) {
                        problem(valueNodes.get("topics.purpose"), "topics.purpose", "retention "
                                + Durations.format(topic) + " exceeds " + tablePath + " (" + Durations.format(r.retention())
                                + "): the topic would keep rows the table has already deleted");
                    }
                }
            }
        }

        /** {@code k_anonymity: {min_k: N}}, at the top or in a purpose. */
        private Optional<Integer> minK(NodeTuple tuple, String path) {
            if (!(tuple.getValueNode() instanceof MappingNode)) {
                problem(tuple.getValueNode(), path, "expected a mapping such as {min_k: " + KAnonymity.DEFAULT_MIN_K
                        + "}");
                return Optional.empty();
            }
            Map<String, NodeTuple> keys = mapping(tuple.getValueNode(), path, Set.of("min_k"));
            NodeTuple minK = required(keys, tuple.getValueNode(), path, "min_k");
            return integer(minK, path + ".min_k").filter(k -> {
                if (k < KAnonymity.LOWEST_MIN_K) {
                    problem(minK.getValueNode(), path + ".min_k", "min_k must be at least " + KAnonymity.LOWEST_MIN_K
                            + ": every table has k >= 1, so " + k + " would check nothing");
                    return false;
                }
                return true;
            });
        }

        // --- typed access to YAML nodes, each reporting what it cannot read ---

        /** Keys of a mapping node in file order; unknown keys (when {@code allowed} is given) are problems. */
        private Map<String, NodeTuple> mapping(Node node, String path, Set<String> allowed) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            if (!(node instanceof MappingNode mapping)) {
                problem(node, path, "expected a mapping of keys to values");
                return out;
            }
            for (NodeTuple t : mapping.getValue()) {
                String key = scalar(t.getKeyNode());
                if (key == null) {
                    problem(t.getKeyNode(), path, "keys must be plain names");
                } else if (out.containsKey(key)) {
                    problem(t.getKeyNode(), join(path, key), "duplicate key '" + key + "'");
                } else if (allowed != null && !allowed.contains(key)) {
                    problem(t.getKeyNode(), join(path, key), "unknown key '" + key + "' (expected: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                } else {
                    out.put(key, t);
                }
            }
            return out;
        }

        private NodeTuple required(Map<String, NodeTuple> keys, Node parent, String path, String key) {
            NodeTuple t = keys.get(key);
            if (t == null) {
                problem(parent, path, "missing required key '" + key + "'");
            }
            return t;
        }

        private Optional<String> string(NodeTuple tuple, String path) {
            if (tuple == null) {
                return Optional.empty();
            }
            String value = scalar(tuple.getValueNode());
            if (value == null || value.isBlank()) {
                problem(tuple.getValueNode(), path, "expected a non-empty value");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        private List<String> strings(Node node, String path) {
            List<String> out = new ArrayList<>();
            if (!(node instanceof SequenceNode seq)) {
                problem(node, path, "expected a list");
                return out;
            }
            for (Node item : seq.getValue()) {
                String value = scalar(item);
                if (value == null || value.isBlank()) {
                    problem(item, path, "expected a non-empty value");
                } else {
                    out.add(value);
                }
            }
            return out;
        }

        private Optional<Integer> integer(NodeTuple tuple, String path) {
            return string(tuple, path).flatMap(s -> {
                try {
                    return Optional.of(Integer.parseInt(s));
                } catch (NumberFormatException e) {
                    problem(tuple.getValueNode(), path, "'" + s + "' is not a whole number");
                    return Optional.empty();
                }
            });
        }

        private Optional<Duration> duration(NodeTuple tuple, String path) {
            return string(tuple, path).flatMap(s -> {
                Matcher m = DURATION.matcher(s);
                if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                    problem(tuple.getValueNode(), path, "'" + s + "' is not a retention: write a positive number of"
                            + " hours or days, e.g. 12h or 30d");
                    return Optional.empty();
                }
                long n = Long.parseLong(m.group(1));
                valueNodes.put(path, tuple.getValueNode());
                return Optional.of(m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n));
            });
        }

        private <T> Optional<T> known(Optional<T> value, NodeTuple tuple, String path, String message,
                List<String> known) {
            return known(value, tuple == null ? null : tuple.getValueNode(), path, message, known);
        }

        private <T> Optional<T> known(Optional<T> value, Node node, String path, String message, List<String> known) {
            if (value.isEmpty()) {
                problem(node, path, known == null ? message : message + " (known: " + String.join(", ", known) + ")");
            }
            return value;
        }

        private static String scalar(Node node) {
            return node instanceof ScalarNode s ? s.getValue() : null;
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private void problem(Node node, String path, String message) {
            Mark mark = node == null ? null : node.getStartMark();
            problems.add(mark == null
                    ? new PolicyProblem(source, 0, 0, path, message)
                    : new PolicyProblem(source, mark.getLine() + 1, mark.getColumn() + 1, path, message));
        }
    }
}
