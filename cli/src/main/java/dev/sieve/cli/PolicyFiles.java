package dev.sieve.cli;

import dev.sieve.schemas.policy.Policy;
import dev.sieve.schemas.policy.PolicyException;
import dev.sieve.schemas.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Loads a policy file, or the bundled policy when none is given, turning problems into {@link CliFailure}s. */
public final class PolicyFiles {

    private PolicyFiles() {}

    /**
     * @param file the policy file, or null for the bundled one
     * @throws CliFailure exit 1 listing every problem of a broken policy; exit 2 for a missing or unreadable file
     */
    public static Policy load(Path file) {
        try {
            return PolicyLoader.load(Optional.ofNullable(file));
        } catch (PolicyException e) {
            throw CliFailure.failed(e.getMessage());
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("no such policy file: " + e.getFile());
        } catch (IOException e) {
            throw CliFailure.usage("cannot read policy file: " + e.getMessage());
        }
    }
}
