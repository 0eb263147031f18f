package io.mcpctl.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the repository under test, found through the {@code mcpctl.root} system property. */
public final class Repository {

  private Repository() {}

  public static Path root() {
    String root = System.getProperty("mcpctl.root");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "The mcpctl.root system property is unset; run the tests through Maven.");
    }
    return Path.of(root);
  }

  /** The build output folder name, e.g. {@code target}. */
  public static String target() {
    return System.getProperty("mcpctl.target", "target");
  }

  public static Path crds() {
    return root().resolve("crds");
  }

  /** The valid examples: the YAML files directly in {@code examples/}. */
  public static List<Path> validExamples() {
    return yamlFilesIn(root().resolve("examples"));
  }

  public static List<Path> invalidExamples() {
    return yamlFilesIn(root().resolve("examples").resolve("invalid"));
  }

  public static Path sandboxJar() {
    return root().resolve("sandbox").resolve(target()).resolve("mcpctl-sandbox.jar");
  }

  private static List<Path> yamlFilesIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> yaml =
          files
              .filter(Files::isRegularFile)
              .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
              .sorted()
              .toList();
      if (yaml.isEmpty()) {
        throw new IllegalStateException(
            directory + " holds no YAML files; the examples are missing.");
      }
      return yaml;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + directory, e);
    }
  }
}
