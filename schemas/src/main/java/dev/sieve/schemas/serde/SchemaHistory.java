package dev.sieve.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * Every released version of a record schema, kept as resources {@code /schema-history/<full name>/v<N>.avsc}
 * (self-contained, named types inlined). Readers register all of them, so records written by any released
 * producer stay readable after the schema evolves.
 */
public final class SchemaHistory {

    private static final String ROOT = "/schema-history/";

    private SchemaHistory() {}

    /** Released versions of the record named like {@code current}, oldest first; empty if none was released. */
    public static List<Schema> versions(Schema current) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String resource = resource(current.getFullName(), v);
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /** Where version {@code v} of a record is kept, relative to the classpath root. */
    public static String resource(String fullName, int version) {
        return ROOT + fullName + "/v" + version + ".avsc";
    }

    /**
     * Why {@code candidate} cannot replace the released versions: one line per released version it cannot read
     * (backward compatibility), and one if it is not itself released yet. Empty when the change is safe.
     */
    public static List<String> problems(Schema candidate, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(candidate, released.get(i));
            if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                problems.add(candidate.getFullName() + " cannot read records written with released version " + (i + 1)
                        + ": " + result.getResult().getIncompatibilities().stream()
                                .map(inc -> inc.getType() + " at " + inc.getLocation() + " (" + inc.getMessage() + ")")
                                .toList());
            }
        }
        boolean releasedAlready = released.stream().anyMatch(s -> fingerprint(s) == fingerprint(candidate));
        if (!releasedAlready) {
            problems.add(candidate.getFullName() + " has changed since its last released version: add it as "
                    + resource(candidate.getFullName(), released.size() + 1).substring(1)
                    + " under schemas/src/main/resources (its full JSON, Schema.toString(true))");
        }
        return problems;
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }
}
