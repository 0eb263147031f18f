package io.mcpctl.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under helm/mcpctl-operator, rendered and linted through helm-java's embedded Helm. */
final class OperatorChart {

  static final String RELEASE = "mcpctl-operator";
  static final String NAMESPACE = "mcpctl-system";

  /**
   * helm-java's embedded Helm assumes Kubernetes 1.20 when no cluster is asked, which the chart's
   * kubeVersion constraint (>= 1.25) refuses; render for a current release instead.
   */
  static final String KUBE_VERSION = "1.30.0";

  private static final YAMLMapper YAML = new YAMLMapper();

  private OperatorChart() {}

  static Path repoRoot() {
    String root = System.getProperty("mcpctl.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "System property mcpctl.root is not set; run the tests through Maven, which sets it.");
    }
    return Path.of(root);
  }

  /** The packaged operator jar of this build, which the end-to-end tests run as a process. */
  static Path operatorJar() {
    String target = System.getProperty("mcpctl.target", "target");
    Path jar = repoRoot().resolve("operator").resolve(target).resolve("mcpctl-operator.jar");
    assertThat(jar)
        .as("the packaged operator; build it first (mvn -B verify builds every module)")
        .isRegularFile();
    return jar;
  }

  static Path chartDir() {
    return repoRoot().resolve("helm/mcpctl-operator");
  }

  /** Values files shipped with these tests under src/test/resources/helm. */
  static Path testValues(String fileName) {
    return repoRoot().resolve("e2e/src/test/resources/helm").resolve(fileName);
  }

  /**
   * Everything `helm install` would create, in its order: the chart's CRDs (as `helm show crds`
   * reports them; helm-java's template has no --include-crds) followed by `helm template`'s output
   * with the given values files.
   */
  static RenderedChart render(Path... valuesFiles) {
    String crds = new Helm(chartDir()).show().crds().call();
    TemplateCommand template =
        new Helm(chartDir())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    for (Path valuesFile : valuesFiles) {
      template = template.withValuesFile(valuesFile);
    }
    return RenderedChart.parse(crds, template.call());
  }

  /** The NOTES.txt text `helm install` prints, from a client-only dry run. */
  static String installNotes(Path... valuesFiles) {
    InstallCommand install =
        new Helm(chartDir())
            .install()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION)
            .clientOnly()
            .dryRun();
    for (Path valuesFile : valuesFiles) {
      install = install.withValuesFile(valuesFile);
    }
    String output = install.call().getOutput();
    return output.substring(output.indexOf("NOTES:"));
  }

  /** Renders with values given inline, for the cases that are meant to be refused. */
  static RenderedChart renderInline(String valuesYaml, Path workDir) {
    Path valuesFile = workDir.resolve("values-under-test.yaml");
    write(valuesFile, valuesYaml);
    return render(valuesFile);
  }

  /**
   * `helm lint --strict` with the given values on top of the chart's defaults. helm-java's lint
   * takes no values files, so the chart is copied and its values.yaml replaced by the merge.
   */
  static LintResult lint(Path workDir, Path... valuesFiles) {
    Path copy = workDir.resolve("mcpctl-operator");
    copyTree(chartDir(), copy);
    if (valuesFiles.length > 0) {
      ObjectNode merged = readYaml(copy.resolve("values.yaml"));
      for (Path valuesFile : valuesFiles) {
        deepMerge(merged, readYaml(valuesFile));
      }
      try {
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Helm(copy).lint().strict().call();
  }

  static ObjectNode readYaml(Path file) {
    try {
      return (ObjectNode) YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Merges as Helm merges values files: maps key by key, anything else replaced whole. */
  private static void deepMerge(ObjectNode base, JsonNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        deepMerge(existingObject, field.getValue());
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
