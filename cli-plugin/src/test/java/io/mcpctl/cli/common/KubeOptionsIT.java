package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The namespace a command works in, against the embedded API, on the direct path ({@code describe})
 * and on fabric8's ({@code rotate}): an empty one, in the context or the flag, counts as none, as
 * kubectl counts it.
 */
class KubeOptionsIT {

  private static final String NOT_FOUND_IN_DEFAULT =
      "error: SecretBackend nosuch not found in namespace default; list them with 'kubectl get"
          + " secretbackends -n default'.\n";

  private static KubeFixture kube;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aContextWithAnEmptyNamespaceWorksInDefault() throws IOException {
    String kubeconfig = Files.readString(kube.kubeconfig());
    assertThat(kubeconfig).contains("namespace: default\n");
    Path blank =
        Files.writeString(
            kube.directory().resolve("blank-namespace.kubeconfig"),
            kubeconfig.replace("namespace: default\n", "namespace: \"\"\n"));
    List<String> flags = List.of("--kubeconfig", blank.toString());

    assertNotFoundInDefault(List.of("describe", "secretbackend", "nosuch"), flags);
    assertNotFoundInDefault(List.of("rotate", "secretbackend", "nosuch", "--no-wait"), flags);
  }

  @Test
  void anEmptyNamespaceFlagCountsAsNone() {
    List<String> flags = List.of("--kubeconfig", kube.kubeconfig().toString(), "-n", "");

    assertNotFoundInDefault(List.of("describe", "secretbackend", "nosuch"), flags);
    assertNotFoundInDefault(List.of("rotate", "secretbackend", "nosuch", "--no-wait"), flags);
  }

  private static void assertNotFoundInDefault(List<String> command, List<String> flags) {
    List<String> args = new ArrayList<>(command);
    args.addAll(flags);

    CliHarness.Result result = new CliHarness().run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr()).as(result.toString()).isEqualTo(NOT_FOUND_IN_DEFAULT);
  }
}
