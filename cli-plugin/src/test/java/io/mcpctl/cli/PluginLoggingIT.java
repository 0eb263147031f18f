package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's own logging ({@link PluginLogging}) in a JVM of its own, as installed: whatever
 * level {@code MCPCTL_LOG_LEVEL} asks for, no credential reaches stderr or stdout.
 */
class PluginLoggingIT {

  private static final String SECRET_VALUE = "hunter2-trace-level-value";
  private static final Pattern KUBECONFIG_TOKEN = Pattern.compile("(?m)^\\s*token: (\\S+)$");

  private static KubeFixture kube;

  @TempDir Path directory;

  @BeforeAll
  static void startKubernetes() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stopKubernetes() {
    kube.close();
  }

  @Test
  void atTraceLevelNeitherTheKubeconfigsTokenNorASecretsValueIsLogged() throws IOException {
    String namespace = kube.newNamespace("trace");
    Path home = Files.createDirectories(directory.resolve("home"));
    Map<String, String> trace = Map.of(PluginLogging.LEVEL_VARIABLE, "trace");

    CliHarness.Result created =
        PluginProcess.runWithPluginLogging(
            home,
            trace,
            concat(
                List.of("create", "secret", "github", "--from-literal", "token=" + SECRET_VALUE),
                kube.flags(namespace)));
    CliHarness.Result listed =
        PluginProcess.runWithPluginLogging(
            home, trace, concat(List.of("list", "secrets"), kube.flags(namespace)));

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(created.stderr()).as("the plugin logged at debug").contains(" DEBUG ");
    for (CliHarness.Result result : List.of(created, listed)) {
      LeakCheck.of(kubeconfigToken()).assertNotIn(result);
      LeakCheck.of(SECRET_VALUE).assertNotIn(result);
      assertThat(result.all()).doesNotContain("Authorization").doesNotContain(" TRACE ");
    }
  }

  private static String kubeconfigToken() throws IOException {
    Matcher token = KUBECONFIG_TOKEN.matcher(Files.readString(kube.kubeconfig()));
    assertThat(token.find()).as("the test kubeconfig has a bearer token").isTrue();
    return token.group(1);
  }

  private static String[] concat(List<String> first, String[] second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(second));
    return all.toArray(String[]::new);
  }
}
