package io.mcpctl.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl completion bash|zsh}: a completion script for {@code kubectl-mcpctl} typed
 * directly. {@code kubectl mcpctl <TAB>} needs no script: kubectl asks the {@code
 * kubectl_complete-mcpctl} executable shipped beside the plugin.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for kubectl-mcpctl.",
      "bash: source <(kubectl mcpctl completion bash)",
      "zsh:  source <(kubectl mcpctl completion zsh)",
      "kubectl mcpctl <TAB> completes through kubectl_complete-mcpctl on PATH (kubectl 1.26+)."
    })
public final class CompletionCommand implements Runnable {

  /** The shells picocli's script supports; zsh runs it through bashcompinit. */
  public enum Shell {
    bash,
    zsh
  }

  static final String EXECUTABLE = "kubectl-mcpctl";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    if (shell == Shell.zsh) {
      // picocli's script is bash; zsh loads bash completions once bashcompinit is on.
      out.println("autoload -U +X compinit && compinit");
      out.println("autoload -U +X bashcompinit && bashcompinit");
    }
    out.print(AutoComplete.bash(EXECUTABLE, spec.root().commandLine()));
    out.flush();
  }
}
