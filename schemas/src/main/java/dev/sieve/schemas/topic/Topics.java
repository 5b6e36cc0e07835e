package dev.sieve.schemas.topic;

import dev.sieve.schemas.contract.EventFamily;
import dev.sieve.schemas.control.AppRevocation;
import dev.sieve.schemas.control.ConsentState;
import dev.sieve.schemas.control.ErasedIdentifier;
import dev.sieve.schemas.control.ErasureRequest;
import dev.sieve.schemas.control.PeriodSalt;
import dev.sieve.schemas.control.PurposeQuarantine;
import dev.sieve.schemas.control.RetentionChange;
import dev.sieve.schemas.control.RightsRequest;
import dev.sieve.schemas.policy.FamilyRule;
import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.Purpose;
import dev.sieve.schemas.policy.TopicClass;
import dev.sieve.schemas.pseudonym.ErasureListKey;
import dev.sieve.schemas.purpose.PurposeSchemas;
import dev.sieve.schemas.purpose.PurposeSerde;
import dev.sieve.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place where Sieve's topic names, serdes and retention are decided. No other code spells a topic
 * name. Retention comes from the policy, so ops change it there.
 *
 * <pre>
 * sieve.raw.&lt;family&gt;                 collector output, Avro family record, keyed by device or subject
 * sieve.enriched.&lt;family&gt;            enrich output, same record with pipeline fields set
 * sieve.purpose.&lt;purpose&gt;.&lt;family&gt;   anonymize output, one per purpose the policy feeds
 * sieve.dlq.&lt;stage&gt;                  dead letters: original bytes, reason in headers
 * sieve.control.consent             compacted, subjectKey or deviceKey -&gt; ConsentState
 * sieve.control.erasure             compacted, ErasureListKey hash of subjectKey or deviceKey -&gt; ErasedIdentifier
 * sieve.control.erasure-requests    delete, 7 days, request id -&gt; ErasureRequest (raw ids, for the sink)
 * sieve.control.retention           compacted, table -&gt; RetentionChange
 * sieve.control.salts               compacted, purpose/period -&gt; PeriodSalt, tombstone once destroyed
 * sieve.control.quarantine          compacted, purpose -&gt; PurposeQuarantine
 * </pre>
 */
public final class Topics {

    public static final String PREFIX = "sieve.";

    /** Dead-letter header: why the record was rejected (fixed vocabulary, no payload). */
    public static final String HEADER_DLQ_REASON = "sieve.dlq.reason";
    /** Dead-letter header: details for the operator, such as a field path. */
    public static final String HEADER_DLQ_DETAIL = "sieve.dlq.detail";
    /** Dead-letter header: the app that sent the record. */
    public static final String HEADER_APP_ID = "sieve.app.id";
    /**
     * Header on every purpose-topic record: the event's storage region (policy 6.1). The sink routes by it,
     * whether or not the purpose keeps the {@code region} column.
     */
    public static final String HEADER_REGION = "sieve.region";
    /**
     * Header on raw-topic records: the address the collector received the event from. Enrich turns it into
     * coarse geography for every family (not only IP events) and does not pass it on.
     */
    public static final String HEADER_CLIENT_ADDRESS = "sieve.client.address";
    /** Dead-letter header: the topic the record was read from, when it came from Kafka. */
    public static final String HEADER_SOURCE_TOPIC = "sieve.source.topic";
    /**
     * Header on a record replayed from a dead-letter topic, {@code <dlq topic>:<partition>:<offset>}. A stage
     * that rejects the record again keeps it among the dead letter's headers, and a dead letter carrying its own
     * topic's mark is never replayed again: each dead letter is replayed at most once.
     */
    public static final String HEADER_REPLAYED_FROM = "sieve.dlq.replayed-from";

    /**
     * How long an erasure request, which names the subject, stays in Kafka: long enough for a sink that was down
     * over a long weekend to read it (it then keeps what it still needs in ClickHouse until the erasure has run),
     * short enough that the raw identifiers do not linger.
     */
    public static final Duration ERASURE_REQUEST_RETENTION = Duration.ofDays(7);

    private final Policy policy;

    /**
     * Key of a consent or erasure record about a subject. Control records are keyed by subject or by device,
     * never both: a request naming both is published once under each key, so compaction keeps the latest
     * state per subject and per device and lookups need no scan.
     */
    public static String subjectKey(String subjectId) {
        return "subject:" + subjectId;
    }

    /** Key of a consent or erasure record about a device; see {@link #subjectKey(String)}. */
    public static String deviceKey(String deviceId) {
        return "device:" + deviceId;
    }

    public Topics(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public TopicSpec<String, SpecificRecord> raw(EventFamily family) {
        return new TopicSpec<>(PREFIX + "raw." + family.id(), Serdes.String(), serde(family), false,
                Optional.of(policy.topicRetention(TopicClass.RAW)));
    }

    public TopicSpec<String, SpecificRecord> enriched(EventFamily family) {
        return new TopicSpec<>(PREFIX + "enriched." + family.id(), Serdes.String(), serde(family), false,
                Optional.of(policy.topicRetention(TopicClass.ENRICHED)));
    }

    /** A purpose's view of a family: the layout {@link PurposeSchemas} derives from the policy. */
    public TopicSpec<String, GenericRecord> purpose(Purpose purpose, EventFamily family) {
        FamilyRule rule = purpose.family(family).orElseThrow(() -> new IllegalArgumentException(
                "the policy does not feed family " + family.id() + " to purpose " + purpose.id()));
        return new TopicSpec<>(PREFIX + "purpose." + purpose.id() + "." + family.id(), Serdes.String(),
                new PurposeSerde(PurposeSchemas.of(purpose, rule)), false,
                Optional.of(policy.topicRetention(TopicClass.PURPOSE)));
    }

    /** Dead letters keep the original key and value bytes untouched, so nothing is lost and replay is exact. */
    public TopicSpec<byte[], byte[]> deadLetter(Stage stage) {
        return new TopicSpec<>(PREFIX + "dlq." + stage.id(), Serdes.ByteArray(), Serdes.ByteArray(), false,
                Optional.of(policy.topicRetention(TopicClass.DLQ)));
    }

    public TopicSpec<String, ConsentState> consent() {
        return new TopicSpec<>(PREFIX + "control.consent", Serdes.String(), AvroSerde.of(ConsentState.class), true,
                Optional.empty());
    }

    /**
     * The erasure list: which subjects and devices are erased, keyed by {@link ErasureListKey} hashes, so it can be
     * compacted and kept forever without keeping any identifier. Anonymize reads it to feed nothing of them.
     */
    public TopicSpec<String, ErasedIdentifier> erasure() {
        return new TopicSpec<>(PREFIX + "control.erasure", Serdes.String(), AvroSerde.of(ErasedIdentifier.class),
                true, Optional.empty());
    }

    /**
     * Erasure requests with the raw identifiers, which the sink needs once to find the rows; keyed by request id
     * and expired after {@link #ERASURE_REQUEST_RETENTION}, unlike the list.
     */
    public TopicSpec<String, ErasureRequest> erasureRequests() {
        return new TopicSpec<>(PREFIX + "control.erasure-requests", Serdes.String(),
                AvroSerde.of(ErasureRequest.class), false, Optional.of(ERASURE_REQUEST_RETENTION));
    }

    /**
     * Subject-rights requests apps filed through the collector (access, erasure, consent), keyed by request id, each
     * in its latest state; compacted, so every collector reads back the open ones at start-up. The records name the
     * request and the app, never the subject.
     */
    public TopicSpec<String, RightsRequest> rightsRequests() {
        return new TopicSpec<>(PREFIX + "control.rights-requests", Serdes.String(), AvroSerde.of(RightsRequest.class),
                true, Optional.empty());
    }

    /** Apps whose keys are revoked (sunset), keyed by app id; compacted and kept forever. */
    public TopicSpec<String, AppRevocation> appRevocations() {
        return new TopicSpec<>(PREFIX + "control.app-revocations", Serdes.String(),
                AvroSerde.of(AppRevocation.class), true, Optional.empty());
    }

    public TopicSpec<String, RetentionChange> retention() {
        return new TopicSpec<>(PREFIX + "control.retention", Serdes.String(), AvroSerde.of(RetentionChange.class),
                true, Optional.empty());
    }

    /**
     * Purposes ops stopped at run time ({@code sieve purpose quarantine}), keyed by purpose id, each in its latest
     * state; compacted and kept forever, so a sink that starts reads back every quarantine still in force.
     */
    public TopicSpec<String, PurposeQuarantine> quarantine() {
        return new TopicSpec<>(PREFIX + "control.quarantine", Serdes.String(), AvroSerde.of(PurposeQuarantine.class),
                true, Optional.empty());
    }

    /**
     * The random keys of rotating pseudonyms, one per purpose and period ({@link #saltKey}); a tombstone destroys
     * one. Compaction must remove the overwritten salt soon after its tombstone, not whenever the log happens to
     * be dirty enough: segments roll every hour ({@code segment.ms}) so the tombstone's segment becomes cleanable,
     * the cleaner must compact within an hour ({@code max.compaction.lag.ms}) whatever the dirty ratio
     * ({@code min.cleanable.dirty.ratio} 0.01 makes it eager anyway), and the tombstone itself stays a day
     * ({@code delete.retention.ms}) so a reader that was briefly away still sees the deletion.
     */
    public TopicSpec<String, PeriodSalt> salts() {
        return new TopicSpec<>(PREFIX + "control.salts", Serdes.String(), AvroSerde.of(PeriodSalt.class), true,
                Optional.empty(), Map.of(
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
                        TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
                        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())));
    }

    /** Key of a salt record: {@code <purpose>/<period id>}, e.g. {@code analytics/m2026-12}. */
    public static String saltKey(String purpose, String periodId) {
        return purpose + "/" + periodId;
    }

    /** Every topic the policy implies, for creating and auditing them. */
    public List<TopicSpec<?, ?>> all() {
        List<TopicSpec<?, ?>> all = new ArrayList<>();
        for (EventFamily f : EventFamily.values()) {
            all.add(raw(f));
            all.add(enriched(f));
        }
        for (Purpose p : policy.purposes().values()) {
            for (EventFamily f : p.families().keySet()) {
                all.add(purpose(p, f));
            }
        }
        for (Stage s : Stage.values()) {
            all.add(deadLetter(s));
        }
        all.add(consent());
        all.add(erasure());
        all.add(erasureRequests());
        all.add(retention());
        all.add(salts());
        all.add(rightsRequests());
        all.add(appRevocations());
        all.add(quarantine());
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> serde(EventFamily family) {
        return (Serde<SpecificRecord>) (Serde<?>) AvroSerde.of(family.recordClass());
    }
}
