package dev.sieve.sink.write;

/**
 * A row's subject or device pseudonym was made with a key this sink does not have, even after reading its keys
 * again: storing it would leave it behind every erasure. The writer stops before committing the batch.
 */
public final class UnknownKeyEpochException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownKeyEpochException(String table, String purpose, String keyId) {
        super("table " + table + " received pseudonyms under key " + keyId + " of purpose " + purpose
                + ", which the sink's keys (keys.dir, SIEVE_KEY__*) do not include: erasure and export could not find"
                + " those rows, so they were not stored; give the sink the key anonymize uses and start it again");
    }
}
