package io.mcpctl.sandbox.demo;

import io.mcpctl.sandbox.ProjectLayout;
import io.mcpctl.sandbox.Sandbox;
import io.mcpctl.sandbox.SandboxDirectory;
import io.mcpctl.sandbox.UpBanner;
import io.mcpctl.sandbox.kube.Kubectl;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole story in a fresh sandbox, as a person would type it. */
@Command(
    name = "demo",
    sortOptions = false,
    description = {
      "Run the whole story in a fresh sandbox, printing each command before its output: install"
          + " the CRD, start the operator, create MCP secrets, run the wizard against the OpenBao"
          + " stand-in, watch a scheduled and an on-demand rotation, migrate the secrets, seal and"
          + " unseal OpenBao. Uses the real kubectl on PATH and the kubectl-mcpctl plugin of this"
          + " build.",
      "",
      "Exits 0 when every step did what it should, 1 naming the step that did not. Takes about"
          + " two minutes, most of it waiting for the scheduled rotation.",
      ""
    })
public final class DemoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Folder for the sandbox's files and logs, kept afterwards (default: a temporary folder,"
              + " removed after a successful run without --keep).")
  private Path dir;

  @Option(
      names = "--keep",
      description =
          "Keep the sandbox running after the story, to carry on with kubectl; Ctrl-C stops it.")
  private boolean keep;

  @Option(
      names = "--operator-jar",
      paramLabel = "FILE",
      description =
          "The operator jar (default: operator/TARGET/mcpctl-operator.jar of this checkout).")
  private Path operatorJar;

  @Option(
      names = "--plugin-dir",
      paramLabel = "DIR",
      description =
          "The folder with kubectl-mcpctl and its jar (default: cli-plugin/TARGET/ of this"
              + " checkout).")
  private Path pluginDirectory;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() throws InterruptedException {
    ProjectLayout layout = ProjectLayout.ofRunningSandbox();
    Path plugin = pluginDirectory != null ? pluginDirectory : layout.pluginDirectory();
    Path jar = operatorJar != null ? operatorJar : layout.operatorJar();
    checkPrerequisites(layout, plugin, jar);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean temporary = dir == null;
    Path folder = temporary ? temporaryFolder() : dir;
    Sandbox sandbox = Sandbox.in(folder, false, err);
    Transcript transcript = new Transcript(out);
    transcript.line(
        "mcpctl demo: a SecretBackend's life in a sandbox, with the real kubectl and the"
            + " kubectl-mcpctl plugin. Files and logs in "
            + sandbox.directory().root());
    boolean succeeded;
    try (DemoRun run =
        new DemoRun(
            sandbox,
            transcript,
            shell(transcript, layout.root(), plugin, sandbox.directory()),
            jar,
            layout.chart())) {
      succeeded = new StepRunner(transcript, err, Clock.systemUTC()).run(Story.steps(), run);
      if (keep) {
        transcript.line("");
        new UpBanner(
                sandbox.directory(), run.running(), run.openBaoAddress(), true, Optional.of(plugin))
            .lines()
            .forEach(transcript::line);
        new CountDownLatch(1).await();
      }
    }
    sandbox.close();
    if (succeeded && temporary) {
      deleteRecursively(folder);
    } else {
      err.println("The sandbox's files and logs stay in " + folder + ".");
    }
    err.flush();
    return succeeded ? 0 : 1;
  }

  /** A missing part is no usage error: exit code 1 and a sentence on what to install or build. */
  private static void checkPrerequisites(ProjectLayout layout, Path plugin, Path jar) {
    if (Kubectl.find().isEmpty()) {
      throw new IllegalStateException(
          "kubectl is not on the PATH; install kubectl (1.28 or newer) and run the demo again.");
    }
    if (!Files.isExecutable(plugin.resolve("kubectl-mcpctl"))) {
      throw new IllegalStateException(
          plugin.resolve("kubectl-mcpctl")
              + " is missing; build with `mvn -B -DskipTests package` or pass --plugin-dir.");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing; build with `mvn -B -DskipTests package` or pass --operator-jar.");
    }
    if (!Files.isDirectory(layout.crds())) {
      throw new IllegalStateException(
          layout.crds() + " is missing; run the demo from the sandbox jar inside the checkout.");
    }
  }

  /**
   * The demo's terminal: the plugin folder first on PATH (where kubectl looks for plugins),
   * KUBECONFIG set, kubectl's cache inside the sandbox folder, and no OpenBao variables from the
   * user's shell.
   */
  private static Shell shell(
      Transcript transcript, Path root, Path plugin, SandboxDirectory directory) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put(
        "PATH",
        plugin.toAbsolutePath() + File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
    environment.put("KUBECONFIG", directory.kubeconfig().toString());
    environment.put("KUBECACHEDIR", directory.kubectlCache().toString());
    environment.put("BAO_ADDR", null);
    environment.put("BAO_TOKEN", null);
    return new Shell(transcript, root, environment);
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("mcpctl-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary folder; pass --dir.", e);
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + folder, e);
    }
  }
}
