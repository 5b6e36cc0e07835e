package dev.sieve.schemas.contract;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One field of an event family as the policy sees it: envelope fields and family fields side by side, each
 * with the privacy class and kind its schema declares.
 *
 * @param name      field name, unique within the family (envelope fields included)
 * @param privacy   privacy class from the schema's {@code "privacy"} property
 * @param kind      value kind from the schema's {@code "kind"} property
 * @param inEnvelope whether the field lives in the shared {@code Envelope} record
 * @param optional  whether the field may be null
 * @param doc       the schema's documentation of the field
 * @param type      the field's Avro type, the null branch removed
 * @param pipelineSet whether the pipeline fills the field in (schema property {@code "origin": "pipeline"}):
 *                  clients must not send it, or an app could forge what later stages trust, consent above all
 */
public record ContractField(
        String name, PrivacyClass privacy, FieldKind kind, boolean inEnvelope, boolean optional, String doc,
        Schema type, boolean pipelineSet) {

    public ContractField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(kind, "kind");
        doc = doc == null ? "" : doc;
        Objects.requireNonNull(type, "type");
    }
}
