package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.cli.common.CliContext;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeHelpTest {

  @Test
  void everyCommandAnswersHelpWithItsUsageAndExitCodeZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(McpctlCommand.commandLine(CliContext.system()), new ArrayList<>(), paths);
    assertThat(paths)
        .as("the tree holds the commands of issue 5")
        .contains(
            List.of(),
            List.of("create", "secretbackend"),
            List.of("rotate", "secretbackend"),
            List.of("describe", "secretbackend"),
            List.of("completion"),
            List.of("version"));

    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliHarness.Result result = new CliHarness().run(args.toArray(String[]::new));

      assertThat(result.exitCode()).as("exit code of %s", args).isZero();
      assertThat(result.stdout())
          .as("usage of %s", args)
          .startsWith(
              "Usage: kubectl mcpctl" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
      assertThat(result.stderr()).as("stderr of %s", args).isEmpty();
    }
  }

  @Test
  void kubectlGlobalFlagsAreAcceptedBeforeAndAfterTheSubcommand() {
    CliHarness.Result before =
        new CliHarness().run("-n", "team-a", "--context", "x", "describe", "sb", "--help");
    CliHarness.Result after =
        new CliHarness().run("describe", "sb", "--help", "-n", "team-a", "--kubeconfig=/nowhere");

    assertThat(before.exitCode()).as(before.toString()).isZero();
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.stdout())
        .contains("--namespace=NAMESPACE", "--kubeconfig=FILE", "-o, --output=FORMAT");
  }

  @Test
  void aCommandGetsOnlyItsOwnBranchWhileHelpErrorsAndCompletionGetTheWholeTree() {
    Set<String> everyCommand =
        McpctlCommand.commandLine(CliContext.system()).getSubcommands().keySet();
    assertThat(everyCommand).contains("create", "describe", "rotate", "completion", "__complete");

    assertThat(subcommandsBuiltFor("describe", "sb", "bao")).containsExactly("describe");
    assertThat(subcommandsBuiltFor("rotate", "sb", "--all")).containsExactly("rotate");
    assertThat(subcommandsBuiltFor("--help")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("-n", "team-a", "describe", "sb", "bao"))
        .containsExactly("describe");
    assertThat(
            subcommandsBuiltFor(
                "--context=prod", "--kubeconfig", "k", "--namespace=a", "rotate", "sb", "x"))
        .containsExactly("rotate");
    assertThat(subcommandsBuiltFor("-n", "describe")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("-h", "describe")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("-nteam-a", "describe", "sb", "bao")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("describ", "sb", "bao")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("completion", "bash")).isEqualTo(everyCommand);
    assertThat(subcommandsBuiltFor("__complete", "--", "des")).isEqualTo(everyCommand);
  }

  @Test
  void theRootWithSummariesAnswersHelpVersionAndUsageErrorsAsTheWholeTreeDoes() {
    List<List<String>> commandLines =
        List.of(
            List.of("--help"),
            List.of("-h"),
            List.of("-n", "team-a", "--help"),
            List.of("--version"),
            List.of(),
            List.of("-n", "team-a"),
            List.of("describ", "sb", "bao"),
            List.of("secretbackend"),
            List.of("--no-such-flag"));
    for (List<String> commandLine : commandLines) {
      String[] args = commandLine.toArray(String[]::new);
      assertThat(McpctlCommand.commandLine(CliContext.system(), args).getSubcommands())
          .as("built for %s", commandLine)
          .allSatisfy(
              (name, subcommand) ->
                  assertThat(subcommand.getCommandSpec().userObject())
                      .as("a summary of %s, no command object behind it", name)
                      .isNull());

      CliHarness.Result summarized = new CliHarness().run(args);
      CliHarness.Result whole = runWithTheWholeTree(args);
      assertThat(summarized).as("%s", commandLine).isEqualTo(whole);
      assertThat(whole.stdout() + whole.stderr()).as("%s", commandLine).isNotBlank();
    }
  }

  private static CliHarness.Result runWithTheWholeTree(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = McpctlCommand.commandLine(CliContext.system());
    McpctlCommand.printingTo(commandLine, out, err);
    int exitCode = commandLine.execute(args);
    return new CliHarness.Result(exitCode, out.toString(), err.toString());
  }

  private static Set<String> subcommandsBuiltFor(String... args) {
    return McpctlCommand.commandLine(CliContext.system(), args).getSubcommands().keySet();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    if (command.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    paths.add(List.copyOf(path));
    command.getSubcommands().entrySet().stream()
        .filter(entry -> entry.getKey().equals(entry.getValue().getCommandName()))
        .forEach(
            entry -> {
              List<String> child = new ArrayList<>(path);
              child.add(entry.getKey());
              collect(entry.getValue(), child, paths);
            });
  }
}
