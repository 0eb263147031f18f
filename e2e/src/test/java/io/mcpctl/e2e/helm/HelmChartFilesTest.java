package io.mcpctl.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart stays in step with the project: version, CRDs, the image's JVM flags, its docs. */
class HelmChartFilesTest {

  @Test
  void chartVersionAndAppVersionAreTheProjectVersion() {
    ObjectNode chart = OperatorChart.readYaml(OperatorChart.chartDir().resolve("Chart.yaml"));
    String projectVersion = ChartFiles.projectVersion();
    assertThat(chart.get("version").asText())
        .as("Chart.yaml version; bump it with the root pom.xml version")
        .isEqualTo(projectVersion);
    assertThat(chart.get("appVersion").asText())
        .as("Chart.yaml appVersion; bump it with the root pom.xml version")
        .isEqualTo(projectVersion);
  }

  @Test
  void chartCrdsAreExactlyTheRepositoryCrds() {
    Map<String, String> repository = filesIn(OperatorChart.repoRoot().resolve("crds"));
    Map<String, String> chart = filesIn(OperatorChart.chartDir().resolve("crds"));
    assertThat(repository).as("CRDs under crds/ (generated from the Java types)").isNotEmpty();
    assertThat(chart.keySet())
        .as("CRD files in the chart; run scripts/update-crds to copy crds/ into the chart")
        .isEqualTo(repository.keySet());
    repository.forEach(
        (name, content) ->
            assertThat(chart.get(name))
                .as("chart copy of %s; run scripts/update-crds", name)
                .isEqualTo(content));
  }

  @Test
  void imageAndChartStartTheJvmWithTheSameOptions() {
    assertThat(ChartFiles.defaultJvmOptions())
        .as("values.yaml jvmOptions against the Dockerfile's JDK_JAVA_OPTIONS")
        .isEqualTo(ChartFiles.dockerfileJvmOptions());
  }

  @Test
  void imageRunsTheOperatorJarAsANumericNonRootUser() {
    String dockerfile = ChartFiles.read(ChartFiles.dockerfile());
    Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(?::(\\d+))?\\s*$").matcher(dockerfile);
    assertThat(user.find()).as("a USER line with a numeric id").isTrue();
    assertThat(Integer.parseInt(user.group(1))).isPositive();
    assertThat(dockerfile)
        .contains("COPY --chown=0:0 --chmod=0444 mcpctl-operator.jar /app/mcpctl-operator.jar")
        .contains("ENTRYPOINT [\"/usr/bin/java\", \"-jar\", \"/app/mcpctl-operator.jar\"]");
    assertThat(OperatorChart.render().manifest())
        .as("the chart's runAsUser is the image's user")
        .contains("runAsUser: " + user.group(1));
  }

  @Test
  void alertsUseMetricsAndLabelValuesTheOperatorDeclares() {
    String operatorSource = javaSources(OperatorChart.repoRoot().resolve("operator/src/main/java"));
    String alerts =
        OperatorChart.render(OperatorChart.testValues("values-monitoring.yaml"))
            .generic("PrometheusRule")
            .get(0)
            .toString();
    Matcher metric = Pattern.compile("mcpctl_[a-z_]+").matcher(alerts);
    List<String> metrics = new ArrayList<>();
    while (metric.find()) {
      metrics.add(metric.group());
    }
    assertThat(metrics).as("metrics the alerts query").isNotEmpty();
    assertThat(metrics)
        .allSatisfy(
            name ->
                assertThat(operatorSource)
                    .as("operator/src declares the metric %s an alert queries", name)
                    .contains("\"" + name + "\""));
    assertThat(operatorSource)
        .as("the rotations counter's failure label value")
        .contains("\"failure\"");
    String health =
        ChartFiles.read(
            OperatorChart.repoRoot()
                .resolve("core/src/main/java/io/mcpctl/api/v1alpha1/TokenHealth.java"));
    assertThat(health)
        .as("the states the health alerts select, lower-cased by the operator")
        .contains("STALE,", "ERROR,");
  }

  @Test
  void deploymentSetsOnlyEnvironmentVariablesTheOperatorReads() {
    String operatorSource = javaSources(OperatorChart.repoRoot().resolve("operator/src/main/java"));
    List<String> variables =
        OperatorChart.render()
            .one(Deployment.class)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv()
            .stream()
            .map(EnvVar::getName)
            .filter(name -> !name.equals("JDK_JAVA_OPTIONS"))
            .toList();
    assertThat(variables).contains("MCPCTL_WATCH_NAMESPACES", "POD_NAMESPACE", "POD_NAME");
    assertThat(variables)
        .allSatisfy(
            name ->
                assertThat(operatorSource)
                    .as("operator/src reads the environment variable %s the chart sets", name)
                    .contains("\"" + name + "\""));
  }

  @Test
  void notesNameTheOperatorsFinalizerAndSkipRevokeAnnotation() {
    String operatorSource = javaSources(OperatorChart.repoRoot().resolve("operator/src/main/java"));
    String notes = ChartFiles.read(OperatorChart.chartDir().resolve("templates/NOTES.txt"));
    for (String name : List.of("mcpctl.io/revoke-tokens", "mcpctl.io/skip-revoke-on-delete")) {
      assertThat(notes).contains(name);
      assertThat(operatorSource)
          .as("operator/src still uses %s, which NOTES.txt and the README name", name)
          .contains("\"" + name + "\"");
    }
  }

  private static String javaSources(Path root) {
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        sources.append(Files.readString(file)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sources.toString();
  }

  @Test
  void everyValueHasACommentSayingWhatItDoes() {
    List<String> lines = readLines(OperatorChart.chartDir().resolve("values.yaml"));
    assertThat(undocumentedKeys(lines)).isEmpty();
  }

  @Test
  void everyValueTheSchemaAcceptsHasADefaultInValuesYaml() throws IOException {
    JsonNode schema =
        new ObjectMapper()
            .readTree(OperatorChart.chartDir().resolve("values.schema.json").toFile());
    ObjectNode values = OperatorChart.readYaml(OperatorChart.chartDir().resolve("values.yaml"));
    List<String> missing = new ArrayList<>();
    collectMissingDefaults(schema, values, "", missing);
    assertThat(missing)
        .as("schema properties without a default in values.yaml")
        .containsExactlyInAnyOrderElementsOf(OPTIONAL_WITHOUT_DEFAULT);
  }

  /**
   * Accepted but deliberately unset: a parent chart's globals, and resource figures the operator
   * does not need (no CPU limit: throttling a JVM at start-up only slows it).
   */
  private static final List<String> OPTIONAL_WITHOUT_DEFAULT =
      List.of(
          "global",
          "resources.requests.ephemeral-storage",
          "resources.limits.cpu",
          "resources.limits.ephemeral-storage");

  private static void collectMissingDefaults(
      JsonNode schema, JsonNode values, String path, List<String> missing) {
    JsonNode properties = schema.get("properties");
    if (properties == null) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = values == null ? null : values.get(field.getKey());
      if (value == null) {
        missing.add(fieldPath);
      } else if (value.isObject()) {
        collectMissingDefaults(field.getValue(), value, fieldPath, missing);
      }
    }
  }

  private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z][\\w.-]*):(.*)$");

  /**
   * Keys that are not covered by a comment: a key is covered when the line above it is a comment,
   * or when one of its parents is (then the whole block is its documented value).
   */
  private static List<String> undocumentedKeys(List<String> lines) {
    record Open(int indent, String path, boolean documented) {}
    Deque<Open> parents = new ArrayDeque<>();
    List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher key = KEY_LINE.matcher(lines.get(i));
      if (!key.matches()) {
        continue;
      }
      int indent = key.group(1).length();
      while (!parents.isEmpty() && parents.peek().indent() >= indent) {
        parents.pop();
      }
      boolean parentDocumented = !parents.isEmpty() && parents.peek().documented();
      String path = parents.isEmpty() ? key.group(2) : parents.peek().path() + "." + key.group(2);
      boolean commented = i > 0 && lines.get(i - 1).strip().startsWith("#");
      boolean documented = parentDocumented || commented;
      boolean hasChildren = key.group(3).isBlank() && nextKeyIsDeeper(lines, i, indent);
      if (!documented && !hasChildren) {
        undocumented.add(path);
      }
      parents.push(new Open(indent, path, documented));
    }
    return undocumented;
  }

  private static boolean nextKeyIsDeeper(List<String> lines, int index, int indent) {
    for (int i = index + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      return line.length() - line.stripLeading().length() > indent;
    }
    return false;
  }

  private static Map<String, String> filesIn(Path directory) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (Stream<Path> paths = Files.list(directory)) {
      for (Path file : new TreeSet<>(paths.filter(Files::isRegularFile).toList())) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<String> readLines(Path file) {
    return ChartFiles.read(file).lines().toList();
  }
}
