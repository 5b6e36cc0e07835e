package dev.sieve.schemas.policy.action;

import dev.sieve.schemas.contract.ContractField;
import dev.sieve.schemas.contract.FieldKind;
import dev.sieve.schemas.policy.Granularity;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * {@code generalize}: a coarser value. Timestamps go to an hour, day or month and versions to major or minor
 * ({@code to}); numbers go to the lower bound of their bucket ({@code bucket}). Exactly one of the two is present,
 * the one the field's kind takes.
 *
 * @param granularity for a timestamp or version: the coarser unit
 * @param bucket      for a number: the bucket width, positive
 */
public record GeneralizeAction(Optional<Granularity> granularity, OptionalLong bucket) implements FieldAction {

    private static final String TO = "to";
    private static final String BUCKET = "bucket";

    public static final ActionType<GeneralizeAction> TYPE = new ActionType<>("generalize", StoredForm.COARSENED,
            EnumSet.of(FieldKind.TIMESTAMP, FieldKind.NUMBER, FieldKind.VERSION),
            kind -> Set.of(kind == FieldKind.NUMBER ? BUCKET : TO), GeneralizeAction::read);

    public GeneralizeAction {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(bucket, "bucket");
        if (granularity.isPresent() == bucket.isPresent()) {
            throw new IllegalArgumentException("generalize takes a granularity or a bucket, not both or neither");
        }
        if (bucket.isPresent() && bucket.getAsLong() <= 0) {
            throw new IllegalArgumentException("bucket must be positive");
        }
    }

    public static GeneralizeAction to(Granularity granularity) {
        return new GeneralizeAction(Optional.of(granularity), OptionalLong.empty());
    }

    public static GeneralizeAction inBucketsOf(long width) {
        return new GeneralizeAction(Optional.empty(), OptionalLong.of(width));
    }

    @Override
    public ActionType<GeneralizeAction> type() {
        return TYPE;
    }

    /** Times stay times (to the millisecond, in UTC), numbers keep their Avro type, versions become text. */
    @Override
    public Optional<StoredValue> output(ContractField source) {
        return Optional.of(switch (source.kind()) {
            case TIMESTAMP -> new StoredValue(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
                    FieldKind.TIMESTAMP);
            case NUMBER -> new StoredValue(Schema.create(source.type().getType()), FieldKind.NUMBER);
            default -> StoredValue.text(source.kind());
        });
    }

    @Override
    public String describe() {
        return granularity.map(g -> "generalized to the " + g.id() + (g.kind() == FieldKind.VERSION ? " version" : ""))
                .orElseGet(() -> "generalized to buckets of " + bucket.orElseThrow());
    }

    private static Optional<GeneralizeAction> read(ActionOptions options) {
        FieldKind kind = options.field().kind();
        if (kind == FieldKind.NUMBER) {
            if (!options.require(BUCKET, "target", "<width>")) {
                return Optional.empty();
            }
            return options.wholeNumber(BUCKET).filter(width -> {
                if (width <= 0) {
                    options.reject(BUCKET, "bucket must be positive");
                    return false;
                }
                return true;
            }).map(GeneralizeAction::inBucketsOf);
        }
        List<String> targets = Granularity.idsFor(kind);
        if (!options.require(TO, "target", String.join("|", targets))) {
            return Optional.empty();
        }
        return options.oneOf(TO, s -> Granularity.fromId(s, kind), targets,
                s -> "cannot generalize a " + kind.id() + " to '" + s + "'").map(GeneralizeAction::to);
    }
}
