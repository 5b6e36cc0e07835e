package dev.sieve.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.decode.JsonTypes;
import dev.sieve.ingest.model.Rejection;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts JSON to the generated Avro record of a schema, strictly: every field by its Avro name, no field the
 * schema lacks, required fields present, JSON types as the Avro types demand (no numbers in strings), enum
 * symbols exactly, timestamps as ISO-8601 strings with an offset (kept to the millisecond, the schema's
 * precision). The first problem found is reported with its path ({@code event.envelope.region}).
 *
 * <p>Supports the Avro types the event contract uses (see {@link #checkSupported}); the collector checks at
 * start-up that the contract uses no other.
 */
final class JsonToAvro {

    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private static final String TIMESTAMP_EXAMPLE = "2026-11-29T08:15:30.123Z";

    private final SpecificData avro = SpecificData.get();
    private final int maxStringLength;

    JsonToAvro(int maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    /**
     * Throws if {@code schema} uses a type this converter does not read; run once per family at start-up.
     *
     * @throws IllegalStateException naming the field
     */
    static void checkSupported(Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> checkSupported(f.schema(), path + "." + f.name()));
            case UNION -> {
                if (schema.getTypes().size() != 2 || !schema.isNullable()) {
                    throw new IllegalStateException(path + ": only [null, T] unions are supported");
                }
                schema.getTypes().forEach(t -> checkSupported(t, path));
            }
            case ARRAY -> checkSupported(schema.getElementType(), path + "[]");
            case NULL, STRING, INT, LONG, ENUM -> {
            }
            default -> throw new IllegalStateException(path + ": Avro type " + schema.getType()
                    + " is not supported by the collector's JSON reader");
        }
    }

    /** Converts a JSON object to the record of {@code schema}. */
    SpecificRecord record(Schema schema, JsonNode node, String path) throws InvalidEventException {
        if (!node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new InvalidEventException(new Rejection(DeadLetterReason.UNKNOWN_FIELD,
                        path + "." + fieldName(name), "unknown field"));
            }
        }
        SpecificRecord record = (SpecificRecord) avro.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path + "." + field.name();
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new InvalidEventException(new Rejection(DeadLetterReason.MISSING_FIELD, fieldPath,
                            "required field is missing"));
                }
                record.put(field.pos(), avro.getDefaultValue(field));
            } else {
                record.put(field.pos(), value(field.schema(), value, fieldPath));
            }
        }
        return record;
    }

    private Object value(Schema schema, JsonNode node, String path) throws InvalidEventException {
        return switch (schema.getType()) {
            case UNION -> node.isNull() ? null : value(nonNull(schema), node, path);
            case STRING -> string(node, path);
            case INT -> {
                long n = integer(node, path);
                if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                    throw new InvalidEventException(new Rejection(DeadLetterReason.INVALID_VALUE, path,
                            "out of range for a 32-bit integer"));
                }
                yield (int) n;
            }
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? timestamp(node, path) : integer(node, path);
            case ENUM -> {
                String symbol = string(node, path);
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new InvalidEventException(new Rejection(DeadLetterReason.INVALID_VALUE, path,
                            "must be one of " + String.join(", ", schema.getEnumSymbols())));
                }
                yield avro.createEnum(symbol, schema);
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw wrongType(path, "an array", node);
                }
                List<Object> items = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    items.add(value(schema.getElementType(), node.get(i), path + "[" + i + "]"));
                }
                yield items;
            }
            case RECORD -> record(schema, node, path);
            default -> throw new IllegalStateException(path + ": unsupported Avro type " + schema.getType());
        };
    }

    private String string(JsonNode node, String path) throws InvalidEventException {
        if (!node.isTextual()) {
            throw wrongType(path, "a string", node);
        }
        String s = node.textValue();
        int length = s.codePointCount(0, s.length());
        if (length > maxStringLength) {
            throw new InvalidEventException(new Rejection(DeadLetterReason.STRING_TOO_LONG, path, length
                    + " characters; the limit is " + maxStringLength + " (" + CollectorConfigLoader.LIMITS_MAX_STRING_LENGTH + ")"));
        }
        return s;
    }

    private static long integer(JsonNode node, String path) throws InvalidEventException {
        if (!node.isIntegralNumber()) {
            throw wrongType(path, "an integer", node);
        }
        if (!node.canConvertToLong()) {
            throw new InvalidEventException(new Rejection(DeadLetterReason.INVALID_VALUE, path,
                    "out of range for a 64-bit integer"));
        }
        return node.longValue();
    }

    private static Instant timestamp(JsonNode node, String path) throws InvalidEventException {
        if (!node.isTextual()) {
            throw wrongType(path, "an ISO-8601 timestamp string such as " + TIMESTAMP_EXAMPLE, node);
        }
        try {
            Instant instant = OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant().truncatedTo(ChronoUnit.MILLIS);
            // Avro stores milliseconds since the epoch in a long.
            instant.toEpochMilli();
            return instant;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidEventException(new Rejection(DeadLetterReason.INVALID_VALUE, path,
                    "not an ISO-8601 timestamp with an offset, such as " + TIMESTAMP_EXAMPLE));
        }
    }

    private static Schema nonNull(Schema union) {
        for (Schema s : union.getTypes()) {
            if (s.getType() != Schema.Type.NULL) {
                return s;
            }
        }
        throw new IllegalStateException("union " + union + " has only null");
    }

    private static InvalidEventException wrongType(String path, String expected, JsonNode got) {
        return new InvalidEventException(new Rejection(DeadLetterReason.WRONG_TYPE, path,
                "expected " + expected + ", got " + JsonTypes.describe(got)));
    }

    /**
     * The name of an unknown field as a rejection may quote it: the client chose it, and a rejection ends up in a
     * dead-letter header, so only a name shaped like the contract's field names (a misspelt {@code os_nmae}) is
     * repeated; anything else, such as an e-mail address sent as a key, is described, not quoted.
     */
    static String fieldName(String name) {
        return FIELD_NAME.matcher(name).matches() ? name : "<a key that is not a field name>";
    }
}
