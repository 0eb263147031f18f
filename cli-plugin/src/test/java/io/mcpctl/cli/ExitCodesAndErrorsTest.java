package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExitCodesAndErrorsTest {

  @ParameterizedTest(name = "usage error: {0}")
  @ValueSource(
      strings = {
        "",
        "describe",
        "describe secretbackend",
        "describe secretbackend x -o xml",
        "describe secretbackend x --bogus",
        "rotate secretbackend",
        "rotate secretbackend x --all",
        "rotate secretbackend x -A",
        "rotate secretbackend x --timeout soon",
        "create secretbackend x",
        "create secretbackend x --type vault",
        "create secretbackend Bad_Name --type kubernetes",
        "create secretbackend x --type kubernetes --url http://bao:8200",
        "create secretbackend x --type openbao",
        "create secretbackend x --type openbao --url http://bao:8200",
        "create secretbackend x --type openbao --wizard --token-file t",
        "create secretbackend x --type openbao --url http://b:1 --token-file t --yes",
        "create secretbackend x --type openbao --url http://b:1 --token-file t --path-prefix a*b",
        "create secretbackend x --type openbao --wizard --url http://b:1 --rotation-interval 720h",
        "create secretbackend x --type openbao --wizard --url ftp://b --admin-token-file t",
        "completion fish",
        "nosuchcommand"
      })
  void usageErrorsExitWithTwoAndOneLineThatSaysWhatToDo(String commandLine) {
    String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");

    CliHarness.Result result = new CliHarness().run(args);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).as(result.toString()).isEmpty();
    assertThat(result.stderr().lines()).as(result.toString()).hasSize(1);
    assertThat(result.stderr()).startsWith("error: ").contains("--help' for usage.");
  }

  @ParameterizedTest(name = "a token given as --url is not echoed: {0}")
  @ValueSource(
      strings = {
        "s.AbCdEfGhIjKlMnOpQrStUvWx",
        "hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWx",
        "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"
      })
  void aTokenPassedWhereTheAddressBelongsIsNotEchoed(String token) {
    CliHarness.Result result =
        new CliHarness()
            .run(
                "create",
                "secretbackend",
                "x",
                "--type",
                "openbao",
                "--wizard",
                "--url",
                token,
                "--admin-token-file",
                "t");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("OpenBao address '****'").doesNotContain(token);
  }

  @Test
  void aMissingKubeconfigFailsWithExitOneAndNamesTheFlag() {
    CliHarness.Result result =
        new CliHarness()
            .run("describe", "secretbackend", "x", "--kubeconfig", "/no/such/kubeconfig");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: The kubeconfig file /no/such/kubeconfig does not exist; pass --kubeconfig"
                + " with the path of a kubeconfig file.\n");
  }

  @Test
  void anUnreachableClusterFailsWithExitOneAndSaysWhatToCheck() throws Exception {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    try {
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: gone
            cluster: {server: "https://127.0.0.1:1"}
          users:
          - name: gone
            user: {token: x}
          contexts:
          - name: gone
            context: {cluster: gone, user: gone, namespace: team-a}
          current-context: gone
          """);

      CliHarness.Result result =
          new CliHarness()
              .run("describe", "secretbackend", "x", "--kubeconfig", kubeconfig.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.stderr().lines()).hasSize(1);
      assertThat(result.stderr())
          .startsWith("error: Could not reach the Kubernetes API")
          .endsWith("check --kubeconfig and --context, and that the cluster is running.\n");
    } finally {
      Files.delete(kubeconfig);
    }
  }

  @Test
  void anUnknownContextIsNamedWithTheCommandThatListsContexts() throws Exception {
    Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
    try {
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: c
            cluster: {server: "https://127.0.0.1:1"}
          users:
          - name: u
            user: {token: x}
          contexts:
          - name: known
            context: {cluster: c, user: u}
          current-context: known
          """);

      CliHarness.Result result =
          new CliHarness()
              .run(
                  "describe",
                  "sb",
                  "x",
                  "--kubeconfig",
                  kubeconfig.toString(),
                  "--context",
                  "other");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr())
          .isEqualTo(
              "error: The kubeconfig has no context named 'other'; list them with 'kubectl config"
                  + " get-contexts' and pass one to --context.\n");
    } finally {
      Files.delete(kubeconfig);
    }
  }
}
