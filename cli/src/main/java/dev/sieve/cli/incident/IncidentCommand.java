package dev.sieve.cli.incident;

import dev.sieve.cli.operate.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sieve incident scope}: what the privacy team needs when something leaked (policy 7.4). */
@Command(name = "incident", description = "Incident response: who is affected by a leak.",
        subcommands = {ScopeCommand.class})
public final class IncidentCommand {

    @Mixin
    HelpOption help;
}
