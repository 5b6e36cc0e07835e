package dev.sieve.ingest.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the collector (policy 7.2): the key store holding its certificate and private key.
 *
 * @param keyStore         key store file
 * @param keyStorePassword its password (also the key's)
 * @param keyStoreType     {@code PKCS12} or {@code JKS}
 */
public record TlsConfig(Path keyStore, String keyStorePassword, String keyStoreType) {

    public static final String DEFAULT_KEY_STORE_TYPE = "PKCS12";

    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
    }

    /** Leaves the password out: configuration gets logged, secrets must not. */
    @Override
    public String toString() {
        return "TlsConfig[keyStore=" + keyStore + ", keyStoreType=" + keyStoreType + "]";
    }
}
