package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.SecretBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Three MCP secrets on the namespace's default backend, which is the built-in kubernetes store
 * until the wizard promotes another. Their values come from files, so they never reach the screen.
 */
final class CreateMcpSecrets implements Step {

  private final SecureRandom random = new SecureRandom();

  @Override
  public String title() {
    return "Create three MCP secrets on the default backend (plain Kubernetes Secrets)";
  }

  @Override
  public void run(DemoRun run) {
    Path folder = run.mcpSecretValues();
    createFolder(folder);
    run.transcript().note("values come from files, so that they stay off the screen");
    for (String name : DemoRun.MCP_SECRETS) {
      Path value = folder.resolve(name + "-token");
      run.directory().writePrivateFile(value, "demo-" + name + "-" + randomHex());
      run.shell()
          .run("kubectl", "mcpctl", "create", "secret", name, "--from-file", "token=" + value)
          .succeeded();
    }
    List<String> onDefault = run.secretsOnKubernetesStore("default");
    if (!onDefault.containsAll(DemoRun.MCP_SECRETS)) {
      throw new StepFailed(
          "Expected Secrets "
              + DemoRun.MCP_SECRETS
              + " labelled "
              + SecretBackend.BACKEND_LABEL
              + "=default; found "
              + onDefault
              + ".");
    }
    CommandResult list = run.shell().run("kubectl", "mcpctl", "list", "secrets").succeeded();
    DemoRun.MCP_SECRETS.forEach(list::printed);
  }

  private String randomHex() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + folder, e);
    }
  }
}
