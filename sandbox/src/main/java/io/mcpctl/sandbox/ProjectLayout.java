package io.mcpctl.sandbox;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a built checkout keeps what the sandbox starts, found from the sandbox's own location:
 * {@code ROOT/sandbox/TARGET/mcpctl-sandbox.jar} (or {@code .../TARGET/classes} in tests) gives the
 * operator jar in {@code ROOT/operator/TARGET/} and the plugin in {@code ROOT/cli-plugin/TARGET/}.
 * So a clean checkout works after {@code mvn package}, whatever {@code -Dmcpctl.target} was.
 *
 * @param root the repository root
 * @param target the build output folder's name, e.g. {@code target}
 */
public record ProjectLayout(Path root, String target) {

  /** The layout around the running sandbox code. */
  public static ProjectLayout ofRunningSandbox() {
    try {
      return around(
          Path.of(SandboxMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The sandbox's own location is no file path", e);
    }
  }

  /** The layout around a sandbox jar or classes folder inside {@code ROOT/sandbox/TARGET/}. */
  static ProjectLayout around(Path sandboxCode) {
    Path code = sandboxCode.toAbsolutePath().normalize();
    Path targetFolder = code.getParent();
    if (targetFolder == null
        || targetFolder.getParent() == null
        || targetFolder.getParent().getParent() == null) {
      throw new IllegalStateException(
          code + " is not inside a checkout's sandbox/TARGET/ folder; run the jar from there.");
    }
    return new ProjectLayout(
        targetFolder.getParent().getParent(), targetFolder.getFileName().toString());
  }

  public Path operatorJar() {
    return root.resolve("operator").resolve(target).resolve("mcpctl-operator.jar");
  }

  /** The folder holding the {@code kubectl-mcpctl} launcher and its jar. */
  public Path pluginDirectory() {
    return root.resolve("cli-plugin").resolve(target);
  }

  /** The operator's Helm chart, whose RBAC the sandbox's operator runs under. */
  public Path chart() {
    return root.resolve("helm").resolve("mcpctl-operator");
  }

  public Path crds() {
    return root.resolve("crds");
  }
}
