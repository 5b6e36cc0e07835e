package dev.sieve.cli.operate;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every operator command and command group. */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
