package io.mcpctl.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/** The folder a sandbox shares with its user: kubeconfig, env and token files, ready, logs. */
public final class SandboxDirectory {

  private final Path root;

  public SandboxDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path kubeconfig() {
    return root.resolve("kubeconfig");
  }

  /**
   * The operator's kubeconfig: the chart's ServiceAccount, so the operator is held to the chart's
   * RBAC.
   */
  public Path operatorKubeconfig() {
    return root.resolve("operator-kubeconfig");
  }

  /**
   * Each kind of request each user made of the Kubernetes API, once, with RBAC's verdict: user,
   * verb, API group, resource, namespace, allowed or DENIED, tab-separated.
   */
  public Path apiAccess() {
    return root.resolve("api-access.tsv");
  }

  /** BAO_ADDR and BAO_TOKEN (the stand-in's root token), owner-only. */
  public Path openBaoEnv() {
    return root.resolve("openbao.env");
  }

  /** The stand-in's root token alone, owner-only, for {@code --admin-token-file}. */
  public Path adminToken() {
    return root.resolve("admin-token");
  }

  /** The stand-in's CA certificate when it serves https. */
  public Path openBaoCa() {
    return root.resolve("openbao-ca.pem");
  }

  public Path ready() {
    return root.resolve("ready");
  }

  public Path log() {
    return root.resolve("sandbox.log");
  }

  public Path operatorLog() {
    return root.resolve("operator.log");
  }

  /** The operator process's pid while it runs, so a later sandbox can stop one left behind. */
  Path operatorPid() {
    return root.resolve("operator.pid");
  }

  /** kubectl's discovery cache, kept here rather than in the user's {@code ~/.kube}. */
  public Path kubectlCache() {
    return root.resolve("kubectl-cache");
  }

  void create() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create the sandbox directory " + root + "; pass a writable --dir.", e);
    }
  }

  /** The pid written in a ready file by a sandbox that may still run from this directory. */
  Optional<Long> pidOfPreviousSandbox() {
    return pidIn(ready(), "pid=");
  }

  Optional<Long> pidOfPreviousOperator() {
    return pidIn(operatorPid(), "");
  }

  /**
   * Writes KEY=VALUE lines readable by their owner only; see {@link #writePrivateFile(Path,
   * String)}.
   */
  void writePrivateEnvFile(Path file, Map<String, String> variables) {
    StringBuilder content = new StringBuilder();
    variables.forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
    writePrivateFile(file, content.toString());
  }

  /**
   * Writes a file readable by its owner only; it is created with those permissions, so a secret in
   * it is never readable by others, not even for a moment.
   */
  public void writePrivateFile(Path file, String content) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        writer.write(content);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "Another process recreated " + file + " while the sandbox wrote it.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + file, e);
    }
  }

  private static Optional<Long> pidIn(Path file, String prefix) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(line -> line.startsWith(prefix) && line.length() > prefix.length())
          .map(line -> Long.parseLong(line.substring(prefix.length())))
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
