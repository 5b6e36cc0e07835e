package dev.sieve.schemas.contract;

import dev.sieve.schemas.event.CommunicationLogEvent;
import dev.sieve.schemas.event.DeviceEvent;
import dev.sieve.schemas.event.Envelope;
import dev.sieve.schemas.event.IpEvent;
import dev.sieve.schemas.event.ServiceLogEvent;
import dev.sieve.schemas.event.SoftwareEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The closed set of event families Sieve collects, one per item of policy section 1.2.1. Each family is one
 * Avro record whose first field is the shared {@link Envelope}.
 */
public enum EventFamily implements Vocabulary {
    DEVICE("device", "Equipment information", "1.2.1 (1)", DeviceEvent.class, DeviceEvent.getClassSchema()),
    SOFTWARE("software", "Software information", "1.2.1 (2)", SoftwareEvent.class, SoftwareEvent.getClassSchema()),
    IP("ip", "IP address", "1.2.1 (3)", IpEvent.class, IpEvent.getClassSchema()),
    SERVICE_LOG("service_log", "Service log information", "1.2.1 (4)", ServiceLogEvent.class,
            ServiceLogEvent.getClassSchema()),
    COMMUNICATION_LOG("communication_log", "Communication log information", "1.2.1 (5)",
            CommunicationLogEvent.class, CommunicationLogEvent.getClassSchema());

    /** Schema property marking a field the pipeline sets, with its one value. */
    public static final String ORIGIN = "origin";
    public static final String ORIGIN_PIPELINE = "pipeline";

    /** Name of the field holding the {@link Envelope} in every family record. */
    public static final String ENVELOPE_FIELD = "envelope";

    private final String id;
    private final String title;
    private final String policySection;
    private final Class<? extends SpecificRecord> recordClass;
    private final Schema schema;
    private final Map<String, ContractField> fields;

    EventFamily(String id, String title, String policySection, Class<? extends SpecificRecord> recordClass,
            Schema schema) {
        this.id = id;
        this.title = title;
        this.policySection = policySection;
        this.recordClass = recordClass;
        this.schema = schema;
        this.fields = Collections.unmodifiableMap(ContractFields.of(schema));
    }

    /** Name used in topics, tables and the policy file, e.g. {@code service_log}. */
    @Override
    public String id() {
        return id;
    }

    /** The privacy policy's name for this information. */
    public String title() {
        return title;
    }

    /** The section of the privacy policy that announces this collection. */
    public String policySection() {
        return policySection;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return schema;
    }

    /** Envelope fields followed by family fields, in schema order, keyed by name. */
    public Map<String, ContractField> fields() {
        return fields;
    }

    public Optional<ContractField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public static Optional<EventFamily> fromId(String id) {
        return Vocabulary.parse(EventFamily.class, id);
    }

    /** Family ids in declaration order, for messages. */
    public static List<String> ids() {
        return Vocabulary.ids(EventFamily.class);
    }

    /** Reads the privacy annotations out of a family schema. */
    static final class ContractFields {
        private ContractFields() {}

        static Map<String, ContractField> of(Schema familySchema) {
            Map<String, ContractField> out = new LinkedHashMap<>();
            for (Schema.Field f : familySchema.getFields()) {
                if (f.name().equals(ENVELOPE_FIELD)) {
                    for (Schema.Field e : f.schema().getFields()) {
                        put(out, familySchema, e, true);
                    }
                } else {
                    put(out, familySchema, f, false);
                }
            }
            return out;
        }

        private static void put(Map<String, ContractField> out, Schema owner, Schema.Field f, boolean envelope) {
            PrivacyClass privacy = PrivacyClass.fromId(f.getProp("privacy")).orElseThrow(() -> new IllegalStateException(
                    owner.getName() + "." + f.name() + " has no valid \"privacy\" property"));
            FieldKind kind = FieldKind.fromId(f.getProp("kind")).orElseThrow(() -> new IllegalStateException(
                    owner.getName() + "." + f.name() + " has no valid \"kind\" property"));
            ContractField previous = out.put(f.name(),
                    new ContractField(f.name(), privacy, kind, envelope, f.schema().isNullable(), f.doc(),
                            nonNull(f.schema()), pipelineSet(owner, f)));
            if (previous != null) {
                throw new IllegalStateException(owner.getName() + "." + f.name() + " repeats an envelope field name");
            }
        }

        /** {@code "origin": "pipeline"} marks fields the pipeline sets; absent means the client sends it. */
        private static boolean pipelineSet(Schema owner, Schema.Field f) {
            String origin = f.getProp(ORIGIN);
            if (origin != null && !origin.equals(ORIGIN_PIPELINE)) {
                throw new IllegalStateException(owner.getName() + "." + f.name() + ": \"origin\" must be \""
                        + ORIGIN_PIPELINE + "\" or absent");
            }
            return origin != null;
        }

        private static Schema nonNull(Schema schema) {
            if (schema.getType() != Schema.Type.UNION) {
                return schema;
            }
            return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
    }
}
