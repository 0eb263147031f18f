package io.mcpctl.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPartsTest {

  @Test
  void commandsAreShownQuotedOnlyWhereTheShellNeedsIt() {
    assertThat(
            ShellWords.join(
                List.of("kubectl", "patch", "sb", "bao", "-p", "{\"spec\":{\"default\":true}}")))
        .isEqualTo("kubectl patch sb bao -p '{\"spec\":{\"default\":true}}'");
    assertThat(ShellWords.join(List.of("echo", "it's"))).isEqualTo("echo 'it'\\''s'");
    assertThat(ShellWords.join(List.of("--from-file", "token=/tmp/demo/github-token")))
        .isEqualTo("--from-file token=/tmp/demo/github-token");
  }

  @Test
  void aPastedCommandOfPlainWordsSplitsAsTheShellWould() {
    assertThat(
            ShellWords.split(
                "  kubectl mcpctl migrate secrets --from default --to bao -n default "))
        .containsExactly(
            "kubectl", "mcpctl", "migrate", "secrets", "--from", "default", "--to", "bao", "-n",
            "default");
  }

  @Test
  void aPastedCommandWithShellSyntaxIsRefusedRatherThanSplitWrongly() {
    assertThatThrownBy(() -> ShellWords.split("kubectl mcpctl migrate secrets --to \"b a o\""))
        .isInstanceOf(StepFailed.class)
        .hasMessageContaining("holds shell syntax");
  }

  @Test
  void theMigrateCommandIsTakenFromItsOwnLineOfTheWizardsOutput() {
    String output =
        """
        [8/8] Kubernetes objects ... Secret bao-token created, SecretBackend bao created

        The previous default backend 'default' holds 3 MCP secrets; move them to bao with:
        kubectl mcpctl migrate secrets --from default --to bao -n default
        """;

    assertThat(RunWizard.migrateCommand(output))
        .isEqualTo("kubectl mcpctl migrate secrets --from default --to bao -n default");
  }

  @Test
  void aWizardOutputWithoutTheMigrateCommandFailsTheStep() {
    assertThatThrownBy(() -> RunWizard.migrateCommand("SecretBackend bao is ready.\n"))
        .isInstanceOf(StepFailed.class)
        .hasMessageContaining("printed no `kubectl mcpctl migrate secrets` line");
  }

  @Test
  void aTableRowIsFoundByNameAndCell() {
    CommandResult get =
        new CommandResult(
            "kubectl get sb",
            0,
            """
            NAME    TYPE      DEFAULT   HEALTH    LAST ROTATION   EXPIRES   AGE
            bao     openbao   true      Healthy   3s              <none>    9s
            other   openbao   false     Warning   3s              <none>    9s
            """,
            "");

    assertThat(get.showedRow("bao", "Healthy")).isSameAs(get);
    assertThatThrownBy(() -> get.showedRow("bao", "Warning"))
        .isInstanceOf(StepFailed.class)
        .hasMessage("`kubectl get sb` shows no Warning for bao.");
  }

  @Test
  void aFailedCommandFailsTheStepNamingItsExitCode() {
    CommandResult failed = new CommandResult("kubectl apply -f crds/", 1, "", "error: boom\n");

    assertThatThrownBy(failed::succeeded)
        .isInstanceOf(StepFailed.class)
        .hasMessage("`kubectl apply -f crds/` exited with 1.");
  }

  @Test
  void tokenShapedTextIsRecognisedAndResourceNamesAreNot() {
    assertThat(NoSecretShown.TOKEN_SHAPED.matcher("token s.AbCdEfGhIjKlMnOpQrStUvWx here").find())
        .isTrue();
    assertThat(NoSecretShown.TOKEN_SHAPED.matcher("hvs.CAESIJ0123456789abcdefghij").find())
        .isTrue();
    assertThat(
            NoSecretShown.TOKEN_SHAPED
                .matcher("customresourcedefinition.apiextensions.k8s.io/secretbackends.mcpctl.io")
                .find())
        .isFalse();
    assertThat(NoSecretShown.TOKEN_SHAPED.matcher("java -jar mcpctl-operator.jar").find())
        .isFalse();
  }

  @Test
  void theRunnerStopsAtTheFirstFailingStepAndNamesIt() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> ran = new ArrayList<>();
    List<Step> steps =
        List.of(
            step("Install the CRD", () -> ran.add("crd")),
            step(
                "Run the wizard",
                () -> {
                  throw new StepFailed("the wizard exited with 1.");
                }),
            step("Never reached", () -> ran.add("never")));

    boolean succeeded =
        new StepRunner(
                new Transcript(new PrintWriter(out, true)),
                new PrintWriter(err, true),
                Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC))
            .run(steps, null);

    assertThat(succeeded).isFalse();
    assertThat(ran).containsExactly("crd");
    assertThat(out.toString())
        .contains("== [1/3] Install the CRD   +0s", "== [2/3] Run the wizard");
    assertThat(err.toString())
        .contains("Demo FAILED at step 2/3 (Run the wizard): the wizard exited with 1.");
  }

  @Test
  void theRunnerReportsSuccessWhenEveryStepDidWhatItShould() {
    StringWriter out = new StringWriter();

    boolean succeeded =
        new StepRunner(
                new Transcript(new PrintWriter(out, true)),
                new PrintWriter(new StringWriter(), true),
                Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC))
            .run(List.of(step("Only step", () -> {})), null);

    assertThat(succeeded).isTrue();
    assertThat(out.toString()).contains("Demo finished in 0s: all 1 steps did what they should.");
  }

  @Test
  void theTranscriptKeepsWhatItShowed() {
    StringWriter out = new StringWriter();
    Transcript transcript = new Transcript(new PrintWriter(out, true));

    transcript.command("kubectl get sb");
    transcript.output("NAME   TYPE");
    transcript.note("done");

    assertThat(transcript.shown()).isEqualTo("$ kubectl get sb\nNAME   TYPE\n# done\n");
    assertThat(out.toString()).isEqualTo(transcript.shown());
  }

  private static Step step(String title, Runnable action) {
    return new Step() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void run(DemoRun run) {
        action.run();
      }
    };
  }

  @Test
  void rotationsCollapsedIntoOneRowByKubectlStillCount() {
    String events =
        """
        Events:
          Type    Reason   Age               From             Message
          ----    ------   ----              ----             -------
          Normal  Rotated  75s               mcpctl-operator  Rotated the token; the next rotation is at 2026-12-05T01:18:43Z.
          Normal  Rotated  6s (x2 over 11s)  mcpctl-operator  Rotated the token; the next rotation is at 2026-12-05T01:19:46Z.
        """;

    assertThat(DescribeEvents.rotations(events)).isEqualTo(3);
  }
}
