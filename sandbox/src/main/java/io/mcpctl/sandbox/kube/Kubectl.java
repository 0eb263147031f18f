package io.mcpctl.sandbox.kube;

import io.mcpctl.sandbox.process.CommandRun;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the real kubectl against one kubeconfig with a temporary {@code --cache-dir}, so nothing
 * reaches the user's {@code ~/.kube}, and captures exit code, stdout and stderr. A missing kubectl
 * fails loudly: tests that drive kubectl must not skip.
 *
 * <pre>{@code
 * try (Kubectl kubectl = Kubectl.against(kube.writeKubeconfig(dir.resolve("kubeconfig")))) {
 *   Kubectl.Result result = kubectl.run("get", "ns");
 * }
 * }</pre>
 */
public final class Kubectl implements AutoCloseable {

  /** What one kubectl invocation did. */
  public record Result(List<String> arguments, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** The invocation and both streams, for assertion messages. */
    public String describe() {
      return "kubectl "
          + String.join(" ", arguments)
          + " exited "
          + exitCode
          + "\n--- stdout\n"
          + stdout
          + "--- stderr\n"
          + stderr;
    }
  }

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Path executable;
  private final Path kubeconfig;
  private final Path workDirectory;

  private Kubectl(Path executable, Path kubeconfig, Path workDirectory) {
    this.executable = executable;
    this.kubeconfig = kubeconfig;
    this.workDirectory = workDirectory;
  }

  /**
   * @throws IllegalStateException when no kubectl is on the PATH
   */
  public static Kubectl against(Path kubeconfig) {
    return against(kubeconfig, System.getenv().getOrDefault("PATH", ""));
  }

  static Kubectl against(Path kubeconfig, String pathVariable) {
    Path executable =
        find(pathVariable)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "kubectl was not found on the PATH; install kubectl 1.32 (these tests drive"
                            + " the real kubectl and never skip without it)."));
    try {
      return new Kubectl(executable, kubeconfig, Files.createTempDirectory("kubectl-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary kubectl cache directory", e);
    }
  }

  /** The kubectl on the PATH, if there is one. */
  public static Optional<Path> find() {
    return find(System.getenv().getOrDefault("PATH", ""));
  }

  static Optional<Path> find(String pathVariable) {
    return Arrays.stream(pathVariable.split(File.pathSeparator))
        .filter(directory -> !directory.isEmpty())
        .map(directory -> Path.of(directory, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  public Path executable() {
    return executable;
  }

  public Result run(String... arguments) {
    return run(DEFAULT_TIMEOUT, null, List.of(arguments));
  }

  /** Runs kubectl with {@code stdin} as its standard input, e.g. for {@code apply -f -}. */
  public Result runWithInput(String stdin, String... arguments) {
    return run(DEFAULT_TIMEOUT, stdin, List.of(arguments));
  }

  /**
   * @param stdin the standard input, or null for none
   * @throws IllegalStateException when kubectl runs longer than {@code timeout}
   */
  public Result run(Duration timeout, String stdin, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + workDirectory.resolve("cache"));
    command.addAll(arguments);
    CommandRun.Output output =
        CommandRun.run(command, Set.of("KUBECONFIG"), Map.of(), stdin, timeout, workDirectory);
    return new Result(List.copyOf(arguments), output.exitCode(), output.stdout(), output.stderr());
  }

  /** Deletes the temporary cache directory. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(workDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(Kubectl::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + workDirectory, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + path, e);
    }
  }
}
