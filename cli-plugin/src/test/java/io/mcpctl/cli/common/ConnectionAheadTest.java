package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.McpctlCommand;
import io.mcpctl.cli.common.ConnectionAhead.KubeconfigChoice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConnectionAheadTest {

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "describe sb x | - | -",
        "describe sb x --kubeconfig /k/one | /k/one | -",
        "describe sb x --kubeconfig=/k/one --context=two | /k/one | two",
        "--context two describe sb x -n team | - | two",
        "describe sb x -- --context two | - | -",
        "describe sb x --context | - | -"
      })
  void guessesTheKubeconfigFlagsFromTheWordsAsPicocliReadsThem(
      String commandLine, String kubeconfig, String context) {
    KubeconfigChoice guess = KubeconfigChoice.guess(commandLine.split(" "));

    assertThat(guess)
        .isEqualTo(new KubeconfigChoice(kubeconfig == null ? null : Path.of(kubeconfig), context));
  }

  @Test
  void givesTheClientBuiltForTheFlagsPicocliParsed() throws IOException {
    Path kubeconfig = twoContexts();

    ConnectionAhead ahead =
        ConnectionAhead.start(
            args("--kubeconfig", kubeconfig.toString(), "--context", "two"), false);
    Optional<KubernetesClient> client = ahead.take(kubeconfig, "two", KubernetesClient.class);

    assertThat(client).isPresent();
    assertThat(client.get().getConfiguration().getMasterUrl()).isEqualTo("https://127.0.0.2:6443/");
    assertThat(client.get().getConfiguration().getNamespace()).isEqualTo("team-two");
    client.get().close();
  }

  @Test
  void givesItsClientOnceSoASecondConnectionIsANewClient() throws IOException {
    Path kubeconfig = twoContexts();

    ConnectionAhead ahead =
        ConnectionAhead.start(args("--kubeconfig", kubeconfig.toString()), false);

    assertThat(ahead.take(kubeconfig, null, KubernetesClient.class)).isPresent();
    assertThat(ahead.take(kubeconfig, null, KubernetesClient.class)).isEmpty();
  }

  @Test
  void givesACommandThatOnlyReadsTheApiBuiltForTheFlagsPicocliParsed() throws IOException {
    Path kubeconfig = twoContexts();

    ConnectionAhead ahead =
        ConnectionAhead.start(
            args("--kubeconfig", kubeconfig.toString(), "--context", "two"), true);
    Optional<KubeApi> api = ahead.take(kubeconfig, "two", KubeApi.class);

    assertThat(api).containsInstanceOf(DirectKubeApi.class);
    assertThat(api.get().configuredNamespace()).isEqualTo("team-two");
  }

  @Test
  void givesNothingToACommandThatWantsAnotherKindOfConnectionThanWasBuilt() throws IOException {
    Path kubeconfig = twoContexts();

    ConnectionAhead ahead =
        ConnectionAhead.start(args("--kubeconfig", kubeconfig.toString()), true);

    assertThat(ahead.take(kubeconfig, null, KubernetesClient.class)).isEmpty();
  }

  @Test
  void aCommandTakesTheClientBuiltAheadWhenPicocliParsesTheSameFlags() throws IOException {
    Path kubeconfig = twoContexts();
    String[] args = args("--kubeconfig=" + kubeconfig, "--context", "two", "-n", "team");
    ConnectionAhead ahead = ConnectionAhead.start(args, false);
    CommandLine commandLine =
        McpctlCommand.commandLine(
            new CliContext(
                    Clock.systemUTC(),
                    Map.of(),
                    InputStream.nullInputStream(),
                    CliHarness.ScriptedTerminal.none())
                .withConnectionAhead(ahead),
            args);

    commandLine.parseArgs(args);
    try (Cluster cluster = PluginRoot.of(commandLine.getCommandSpec()).kube().connect()) {
      assertThat(cluster.namespace()).isEqualTo("team");
      assertThat(cluster.client().getConfiguration().getMasterUrl())
          .isEqualTo("https://127.0.0.2:6443/");
    }

    assertThat(ahead.take(kubeconfig, "two", KubernetesClient.class))
        .as("taken by the command already")
        .isEmpty();
  }

  @Test
  void leavesTheConnectionToTheCommandWhenPicocliParsedOtherFlags() throws IOException {
    Path kubeconfig = twoContexts();

    ConnectionAhead ahead =
        ConnectionAhead.start(
            args("--kubeconfig", kubeconfig.toString(), "--context", "one"), false);

    assertThat(ahead.take(kubeconfig, "two", KubernetesClient.class)).isEmpty();
    assertThat(ahead.take(directory.resolve("other"), "one", KubernetesClient.class)).isEmpty();
  }

  @Test
  void throwsTheFailureTheCommandWouldMeetInsteadOfMeetingItAgain() {
    Path missing = directory.resolve("missing");

    ConnectionAhead ahead = ConnectionAhead.start(args("--kubeconfig", missing.toString()), true);

    assertThatThrownBy(() -> ahead.take(missing, null, KubeApi.class))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("The kubeconfig file " + missing + " does not exist");
  }

  @Test
  void nothingRunsAheadUnlessStarted() {
    assertThat(ConnectionAhead.NONE.take(null, null, KubeApi.class)).isEmpty();
  }

  @Test
  void aCommandRunAsTheLauncherDoesReportsAMissingKubeconfigAsWithout() {
    String[] args = args("--kubeconfig", directory.resolve("missing").toString());

    CliHarness.Result ahead = new CliHarness().connectingAhead().run(args);
    CliHarness.Result without = new CliHarness().run(args);

    assertThat(ahead.exitCode()).isEqualTo(1);
    assertThat(ahead.stderr())
        .startsWith("error: The kubeconfig file ")
        .isEqualTo(without.stderr());
  }

  private static String[] args(String... flags) {
    String[] args = new String[3 + flags.length];
    args[0] = "describe";
    args[1] = "secretbackend";
    args[2] = "x";
    System.arraycopy(flags, 0, args, 3, flags.length);
    return args;
  }

  private Path twoContexts() throws IOException {
    return Files.writeString(
        directory.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: one
          cluster: {server: "https://127.0.0.1:6443"}
        - name: two
          cluster: {server: "https://127.0.0.2:6443"}
        users:
        - name: u
          user: {token: x}
        contexts:
        - name: one
          context: {cluster: one, user: u, namespace: team-one}
        - name: two
          context: {cluster: two, user: u, namespace: team-two}
        current-context: one
        """);
  }
}
