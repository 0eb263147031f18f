package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans everything a run could have written for one exact secret value, as text and as the base64 a
 * Secret would hold: the command's output, the plugin's log, every Secret, SecretBackend, Event and
 * ConfigMap in the namespace (annotations included), and every file under the given folders.
 */
public final class LeakCheck {

  private final String value;
  private final List<String> forms;

  private LeakCheck(String value) {
    this.value = value;
    this.forms =
        List.of(value, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }

  public static LeakCheck of(String value) {
    return new LeakCheck(value);
  }

  public static Path pluginLog() {
    return KubeFixture.repositoryRoot()
        .resolve("cli-plugin")
        .resolve(System.getProperty("mcpctl.target", "target"))
        .resolve("test-logs/plugin.log");
  }

  public void assertNotIn(CliHarness.Result result) {
    for (String form : forms) {
      assertThat(result.stdout()).as("stdout").doesNotContain(form);
      assertThat(result.stderr()).as("stderr").doesNotContain(form);
    }
  }

  /** The plugin's log (debug level in tests, every library included). */
  public void assertNotInPluginLog() {
    assertFileFree(pluginLog());
  }

  /** The namespace's API objects, the plugin log and every file under {@code folders}. */
  public void assertNowhere(KubernetesClient client, String namespace, Path... folders) {
    List<String> objects = new ArrayList<>();
    client
        .secrets()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(s -> objects.add(Serialization.asJson(s)));
    client
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(b -> objects.add(Serialization.asJson(b)));
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(e -> objects.add(Serialization.asJson(e)));
    client
        .configMaps()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(c -> objects.add(Serialization.asJson(c)));
    for (String object : objects) {
      for (String form : forms) {
        assertThat(object).as("an API object in %s", namespace).doesNotContain(form);
      }
    }
    assertFileFree(pluginLog());
    for (Path folder : folders) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.filter(Files::isRegularFile).forEach(this::assertFileFree);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void assertFileFree(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String form : forms) {
        assertThat(content.contains(form)).as("%s contains the secret value", file).isFalse();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "LeakCheck[" + value.length() + " characters]";
  }
}
