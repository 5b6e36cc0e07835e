package dev.sieve.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed OpenAPI description of the rights API ({@code openapi/rights-api.yaml}), read with a YAML library:
 * its operations, and a check of an answer against the schema it gives for the status (required fields present,
 * no field it does not list, enum values among the listed ones).
 */
@SuppressWarnings("unchecked")
final class OpenApiDescription {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> root;

    private OpenApiDescription(Map<String, Object> root) {
        this.root = root;
    }

    static OpenApiDescription load() throws IOException {
        try (InputStream in = Objects.requireNonNull(OpenApiDescription.class.getResourceAsStream(
                "/openapi/rights-api.yaml"), "openapi/rights-api.yaml on the class path")) {
            return new OpenApiDescription(new Yaml().load(in));
        }
    }

    /** Every operation as {@code "<method> <path>"}. */
    List<String> operations() {
        List<String> out = new ArrayList<>();
        map(root, "paths").forEach((path, item) -> ((Map<String, Object>) item).keySet().stream()
                .filter(METHODS::contains).forEach(method -> out.add(method + " " + path)));
        return out;
    }

    /** Checks a JSON answer against the schema the description gives for this operation and status. */
    void assertAnswers(String method, String path, int status, String body) throws IOException {
        Map<String, Object> operation = map(map(map(root, "paths"), path), method);
        Map<String, Object> response = resolve(map(map(operation, "responses"), Integer.toString(status)));
        Map<String, Object> schema = resolve(map(map(map(response, "content"), "application/json"), "schema"));
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.isObject()).as(method + " " + path + " " + status + " answers an object").isTrue();
        Map<String, Object> properties = map(schema, "properties");
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        List<String> fields = new ArrayList<>();
        answer.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("fields of " + method + " " + path + " " + status).containsAll(required)
                .allMatch(properties::containsKey);
        for (String field : fields) {
            Map<String, Object> property = map(properties, field);
            assertThat(answer.get(field).isTextual()).as(field + " is a string")
                    .isEqualTo("string".equals(property.get("type")));
            if (property.containsKey("enum")) {
                assertThat((List<Object>) property.get("enum")).as(field).contains(answer.get(field).asText());
            }
        }
    }

    /** Follows a {@code $ref} within the file. */
    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Map<String, Object> target = root;
        for (String part : ((String) ref).substring(2).split("/")) {
            target = map(target, part);
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String key) {
        Object value = node.get(key);
        assertThat(value).as("OpenAPI description: " + key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
