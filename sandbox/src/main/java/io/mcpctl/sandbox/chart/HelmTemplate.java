package io.mcpctl.sandbox.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.mcpctl.sandbox.process.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code helm template} through helm-java, in a child JVM: helm-java loads Helm's Go runtime into
 * the process, and a Go runtime takes over SIGTERM, so a sandbox that rendered the chart itself
 * would die on Ctrl-C without stopping its operator.
 */
final class HelmTemplate {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private HelmTemplate() {}

  /** Renders {@code chart} as release {@code release} in {@code namespace}. */
  static String render(
      Path chart, String release, String namespace, String kubeVersion, String valuesYaml) {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("mcpctl-helm-");
      Path values = Files.writeString(scratch.resolve("values.yaml"), valuesYaml);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(HelmTemplate.class.getName());
      command.addAll(List.of(chart.toString(), release, namespace, kubeVersion, values.toString()));
      CommandRun.Output output =
          CommandRun.run(command, Set.of(), Map.of(), null, TIMEOUT, scratch);
      if (output.exitCode() != 0) {
        throw new IllegalStateException(
            "helm template of " + chart + " failed: " + output.stderr().strip());
      }
      return output.stdout();
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not render the chart " + chart, failure);
    } finally {
      deleteQuietly(scratch);
    }
  }

  /** The child's side: prints the rendered manifest, or says on stderr why it could not. */
  public static void main(String[] args) {
    TemplateCommand template =
        new Helm(Path.of(args[0]))
            .template()
            .withName(args[1])
            .withNamespace(args[2])
            .withKubeVersion(args[3])
            .withValuesFile(Path.of(args[4]));
    try {
      System.out.print(template.call());
    } catch (RuntimeException failure) {
      System.err.println(failure.getMessage());
      System.exit(1);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // a temporary folder holding a values file of namespace names only
    }
  }
}
