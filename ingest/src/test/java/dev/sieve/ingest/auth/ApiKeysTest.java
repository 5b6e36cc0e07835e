package dev.sieve.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.schemas.control.AppRevocation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(Map.of("notes", "notes-key-0123456789", "chat", "chat-key-0123456789"));

    @Test
    void findsTheAppAKeyBelongsTo() {
        assertThat(keys.appFor("notes-key-0123456789")).contains("notes");
        assertThat(keys.appFor("chat-key-0123456789")).contains("chat");
    }

    @Test
    void anUnknownKeyBelongsToNoApp() {
        assertThat(keys.appFor("notes-key-0123456788")).isEmpty();
        assertThat(keys.appFor("notes-key-0123456789 ")).isEmpty();
        assertThat(keys.appFor("")).isEmpty();
    }

    @Test
    void readsBearerAuthorizationHeaders() {
        assertThat(keys.appForAuthorization("Bearer notes-key-0123456789")).contains("notes");
        assertThat(keys.appForAuthorization("bearer  chat-key-0123456789")).contains("chat");
        assertThat(keys.appForAuthorization("Basic bm90ZXM6a2V5")).isEmpty();
        assertThat(keys.appForAuthorization("notes-key-0123456789")).isEmpty();
        assertThat(keys.appForAuthorization(null)).isEmpty();
    }

    @Test
    void aRevokedAppsKeyBelongsToNoAppUntilTheRevocationIsUndone() {
        RevokedApps revoked = new RevokedApps();
        ApiKeys withRevocations = new ApiKeys(Map.of("notes", "notes-key-0123456789", "chat", "chat-key-0123456789"),
                revoked::isRevoked);
        revoked.apply("notes", AppRevocation.newBuilder().setAppId("notes").setRevokedAt(Instant.EPOCH)
                .setRevokedBy("ops").setReason("sunset").build());
        assertThat(withRevocations.appForAuthorization("Bearer notes-key-0123456789")).isEmpty();
        assertThat(withRevocations.appFor("chat-key-0123456789")).contains("chat");
        revoked.apply("notes", null);
        assertThat(withRevocations.appFor("notes-key-0123456789")).contains("notes");
    }
}
