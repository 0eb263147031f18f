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

/** The folder {@code sandbox up --dir} shares with its user: kubeconfig, env files, ready, logs. */
final class SandboxDirectory {

  private final Path root;

  SandboxDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  Path kubeconfig() {
    return root.resolve("kubeconfig");
  }

  Path openBaoEnv() {
    return root.resolve("openbao.env");
  }

  Path ready() {
    return root.resolve("ready");
  }

  Path log() {
    return root.resolve("sandbox.log");
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
    try {
      if (!Files.exists(ready())) {
        return Optional.empty();
      }
      return Files.readAllLines(ready()).stream()
          .filter(line -> line.startsWith("pid="))
          .map(line -> Long.parseLong(line.substring(4).trim()))
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes KEY=VALUE lines readable by its owner only; the file is created with those permissions,
   * so a secret in it is never readable by others, not even for a moment.
   */
  void writePrivateEnvFile(Path file, Map<String, String> variables) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        for (Map.Entry<String, String> variable : variables.entrySet()) {
          writer.write(variable.getKey() + "=" + variable.getValue() + "\n");
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "Another process recreated " + file + " while the sandbox wrote it.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  void writeReady(String content) {
    try {
      Files.writeString(ready(), content);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + ready(), e);
    }
  }

  void removeReady() {
    try {
      Files.deleteIfExists(ready());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + ready(), e);
    }
  }
}
