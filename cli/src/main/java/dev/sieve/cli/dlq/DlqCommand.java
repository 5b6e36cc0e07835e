package dev.sieve.cli.dlq;

import dev.sieve.cli.operate.HelpOption;
import dev.sieve.schemas.contract.Vocabulary;
import dev.sieve.schemas.topic.Stage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** {@code sieve dlq inspect|replay}: the dead letters of every stage, {@code sieve.dlq.<stage>}. */
@Command(name = "dlq",
        description = "Dead letters: inspect them without reading their contents, replay them after a fix.",
        subcommands = {DlqInspectCommand.class, DlqReplayCommand.class})
public final class DlqCommand {

    @Mixin
    HelpOption help;

    /** {@code --stage}: a stage's id. */
    static final class StageConverter implements ITypeConverter<Stage> {
        @Override
        public Stage convert(String value) {
            return Vocabulary.parse(Stage.class, value).orElseThrow(() -> new TypeConversionException(
                    "expected one of " + String.join(", ", Vocabulary.ids(Stage.class)) + ", got '" + value + "'"));
        }
    }

    /**
     * Checks {@code --reason} against the dead-letter reasons of the stages it applies to.
     *
     * @throws ParameterException (exit 2) when none of them has it
     */
    static void checkReason(CommandSpec spec, String reason, List<Stage> stages) {
        if (reason == null || stages.stream().anyMatch(s -> DeadLetterReasons.of(s).contains(reason))) {
            return;
        }
        String message = stages.size() == 1
                ? "--reason " + reason + " is not a dead-letter reason of stage " + stages.get(0).id()
                        + "; expected one of " + String.join(", ", DeadLetterReasons.of(stages.get(0)))
                : "--reason " + reason + " is not a dead-letter reason of any stage";
        throw new ParameterException(spec.commandLine(), message);
    }
}
