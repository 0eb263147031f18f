package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionTest {

  @Test
  void bashCompletionIsAScriptForKubectlMcpctl() {
    CliHarness.Result result = new CliHarness().run("completion", "bash");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .contains("complete -F _complete_kubectl-mcpctl")
        .contains("create")
        .contains("rotate")
        .doesNotContain("__complete");
  }

  @Test
  void zshCompletionLoadsBashCompletionsFirst() {
    CliHarness.Result result = new CliHarness().run("completion", "zsh");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout().lines().limit(2))
        .containsExactly(
            "autoload -U +X compinit && compinit", "autoload -U +X bashcompinit && bashcompinit");
  }

  @Test
  void kubectlCompletionProtocolOffersSubcommandsAndEndsWithADirective() {
    CliHarness.Result top = new CliHarness().run("__complete", "--", "");
    CliHarness.Result partial = new CliHarness().run("__complete", "--", "des");
    CliHarness.Result nested = new CliHarness().run("__complete", "--", "rotate", "");
    CliHarness.Result option = new CliHarness().run("__complete", "--", "rotate", "sb", "--ti");

    assertThat(top.stdout().lines())
        .contains("create", "rotate", "describe", "completion", "version")
        .doesNotContain("__complete")
        .last()
        .isEqualTo(":4");
    assertThat(partial.stdout()).isEqualTo("describe\n:4\n");
    assertThat(nested.stdout().lines()).contains("secretbackend", "sb");
    assertThat(option.stdout()).isEqualTo("--timeout\n:4\n");
  }
}
