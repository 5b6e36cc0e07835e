package dev.sieve.sink.store;

/** A record value that cannot be written in its column's type. The message names the column, never the value. */
public final class UnencodableValue extends Exception {

    private static final long serialVersionUID = 1L;

    public UnencodableValue(String message) {
        super(message);
    }
}
