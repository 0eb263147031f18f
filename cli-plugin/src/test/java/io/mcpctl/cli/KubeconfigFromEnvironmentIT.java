package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kubeconfig as the launcher finds it, in a JVM of its own ({@link PluginProcess}): from {@code
 * KUBECONFIG}, from {@code ~/.kube/config}, or from {@code --kubeconfig} read on main's
 * connect-ahead thread. A file that is no kubeconfig is named and never quoted; no kubeconfig at
 * all is said as such, with where the plugin looked.
 */
class KubeconfigFromEnvironmentIT {

  private static final String WHAT_TO_DO =
      "; pass --kubeconfig with your cluster's kubeconfig file, or point KUBECONFIG at it.\n";

  @TempDir Path directory;

  private Path home;

  @BeforeEach
  void startWithAnEmptyHome() throws IOException {
    home = Files.createDirectories(directory.resolve("home"));
  }

  @ParameterizedTest(name = "KUBECONFIG={0}")
  @EnumSource(MisdirectedFile.class)
  void aKubeconfigVariableNamingAnotherFileNamesItWithoutItsContent(MisdirectedFile misdirected) {
    MisdirectedFile.Written file = misdirected.writeInto(directory.resolve("sandbox"));

    CliHarness.Result result =
        PluginProcess.run(
            home, Map.of("KUBECONFIG", file.path().toString()), "describe", "secretbackend", "bao");

    file.assertNotIn(result);
    file.assertNotInPluginLog();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("error: " + file.path() + " is not a kubeconfig" + WHAT_TO_DO);
  }

  @ParameterizedTest(name = "--kubeconfig {0}")
  @EnumSource(MisdirectedFile.class)
  void aKubeconfigFlagNamingAnotherFileIsReportedOnceFromTheThreadThatConnectsAhead(
      MisdirectedFile misdirected) {
    MisdirectedFile.Written file = misdirected.writeInto(directory.resolve("sandbox"));

    CliHarness.Result result =
        PluginProcess.run(
            home,
            Map.of(),
            "--kubeconfig",
            file.path().toString(),
            "describe",
            "secretbackend",
            "bao");

    file.assertNotIn(result);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("error: " + file.path() + " is not a kubeconfig" + WHAT_TO_DO);
  }

  @Test
  void aDefaultKubeconfigThatIsAnotherFileIsNamed() {
    MisdirectedFile.Written file = MisdirectedFile.OPENBAO_ROOT_TOKEN_FILE.writeInto(home);
    Path defaultKubeconfig = home.resolve(".kube").resolve("config");
    try {
      Files.createDirectories(defaultKubeconfig.getParent());
      Files.move(file.path(), defaultKubeconfig);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    CliHarness.Result result = PluginProcess.run(home, Map.of(), "list", "secrets");

    file.assertNotIn(result);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo("error: " + defaultKubeconfig + " is not a kubeconfig" + WHAT_TO_DO);
  }

  @Test
  void withoutAnyKubeconfigItSaysWhereItLookedInsteadOfConnectingNowhere() {
    CliHarness.Result result =
        PluginProcess.run(home, Map.of(), "describe", "secretbackend", "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: No kubeconfig found (looked in "
                + home.resolve(".kube").resolve("config")
                + ")"
                + WHAT_TO_DO);
  }

  @Test
  void inAPodWithoutItsServiceAccountTokenTheTokenFileIsListedToo() {
    Path token = directory.resolve("serviceaccount-token");

    CliHarness.Result result =
        PluginProcess.run(home, inAPod(token), "describe", "secretbackend", "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: No kubeconfig found (looked in "
                + home.resolve(".kube").resolve("config")
                + " and, as KUBERNETES_SERVICE_HOST is set, "
                + token
                + ")"
                + WHAT_TO_DO);
  }

  @Test
  void inAPodWithItsServiceAccountTokenThePluginConnectsWithoutAKubeconfig() throws IOException {
    Path token = Files.writeString(directory.resolve("serviceaccount-token"), "not-a-real-token");

    CliHarness.Result result =
        PluginProcess.run(home, inAPod(token), "describe", "secretbackend", "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .as("it tried the service's address, which refuses connections here")
        .startsWith("error: Could not reach the Kubernetes API");
  }

  /** What a pod's environment tells fabric8; the token file is moved to {@code token}. */
  private static Map<String, String> inAPod(Path token) {
    return Map.of(
        "KUBERNETES_SERVICE_HOST", "127.0.0.1",
        "KUBERNETES_SERVICE_PORT", "1",
        // fabric8's kubernetes.auth.serviceAccount.token, as an environment variable.
        "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", token.toString());
  }

  @Test
  void everyEntryOfTheKubeconfigVariableIsListedWhenNoneExists() {
    Path first = directory.resolve("first");
    Path second = directory.resolve("second");

    CliHarness.Result result =
        PluginProcess.run(
            home,
            Map.of("KUBECONFIG", first + File.pathSeparator + second),
            "create",
            "secretbackend",
            "plain",
            "--type",
            "kubernetes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: No kubeconfig found (looked in " + first + ", " + second + ")" + WHAT_TO_DO);
  }
}
