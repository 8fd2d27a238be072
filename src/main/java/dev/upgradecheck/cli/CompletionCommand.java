package dev.upgradecheck.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** Prints the shell completion script (picocli's, which serves bash and zsh alike). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh.",
                "bash: source <(upgrade-check completion bash)   zsh: source <(upgrade-check completion zsh)"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells the script serves. */
    enum Shell { BASH, ZSH }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("upgrade-check", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
