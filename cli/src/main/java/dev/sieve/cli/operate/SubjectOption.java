package dev.sieve.cli.operate;

import dev.sieve.sink.subject.Subject;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code (--subject S | --device D)}: whose data a command acts on, as an exclusive argument group. The values are
 * identifiers: no message ever repeats them.
 */
public final class SubjectOption {

    /** picocli's own text for a missing required group, for commands whose group must be optional. */
    public static final String MISSING = "Error: Missing required argument (specify one of these):"
            + " (--subject=S | --device=D)";

    @Option(names = "--subject", required = true, paramLabel = "S", description = "The subject (account) id.")
    String subjectId;

    @Option(names = "--device", required = true, paramLabel = "D", description = "The device id.")
    String deviceId;

    /** The subject; {@code group} may be null when the group was optional and not given. */
    public static Subject of(SubjectOption group, CommandSpec spec) {
        if (group == null) {
            throw new ParameterException(spec.commandLine(), MISSING);
        }
        if (group.subjectId != null && group.subjectId.isBlank()
                || group.deviceId != null && group.deviceId.isBlank()) {
            throw new ParameterException(spec.commandLine(), (group.subjectId != null ? "--subject" : "--device")
                    + " must not be blank");
        }
        return new Subject(Optional.ofNullable(group.subjectId), Optional.ofNullable(group.deviceId));
    }
}
