package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

  /** What {@code git rev-parse HEAD} says about this checkout, or "unknown" outside one. */
  private static String checkoutCommit() throws IOException, InterruptedException {
    Process git =
        new ProcessBuilder("git", "rev-parse", "HEAD")
            .directory(Path.of(System.getProperty("mcpctl.root")).toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String printed = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
      return PluginVersion.UNKNOWN;
    }
    return printed.strip();
  }

  @Test
  void textNamesTheVersionTheCommitTheApiAndTheJava() throws Exception {
    CliHarness.Result result = new CliHarness().run("version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "kubectl-mcpctl %s (commit %s, API mcpctl.io/v1alpha1, Java %s)%n"
                .formatted(PluginVersion.version(), checkoutCommit(), Runtime.version()));
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void theBuildWroteTheProjectVersionAndTheCheckoutsCommit() throws Exception {
    assertThat(PluginVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    assertThat(PluginVersion.commit())
        .as("the commit the build read with git rev-parse HEAD")
        .isEqualTo(checkoutCommit())
        .matches("[0-9a-f]{40}|unknown");
  }

  @Test
  void jsonAndYamlCarryTheSameFields() throws Exception {
    CliHarness.Result json = new CliHarness().run("version", "-o", "json");
    CliHarness.Result yaml = new CliHarness().run("version", "-o", "yaml");
    Map<String, String> expected =
        Map.of(
            "plugin", PluginVersion.version(),
            "commit", checkoutCommit(),
            "api", "mcpctl.io/v1alpha1",
            "java", Runtime.version().toString());

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(yaml.exitCode()).as(yaml.toString()).isZero();
    assertThat(new ObjectMapper().readValue(json.stdout(), Map.class))
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(new YAMLMapper().readValue(yaml.stdout(), Map.class))
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theVersionFlagNamesTheCommitToo() throws Exception {
    CliHarness.Result result = new CliHarness().run("--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "kubectl-mcpctl %s (commit %s, API mcpctl.io/v1alpha1)%n"
                .formatted(PluginVersion.version(), checkoutCommit()));
  }
}
