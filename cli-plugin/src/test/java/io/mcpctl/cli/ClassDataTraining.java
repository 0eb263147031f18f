package io.mcpctl.cli;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import io.mcpctl.cli.secret.SecretsFixture;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Records the plugin's class list at build time (cli-plugin/pom.xml runs it after the jar is
 * packaged), from which the launcher makes its class-data archive. The list holds the classes that
 * {@code --help}, {@code list secrets} and {@code get secret} on an OpenBao backend (the stand-in)
 * loaded, and a real {@code describe secretbackend} through the launcher, against the embedded API
 * with a rotated backend, a pod that reads its token and an event: TLS, HTTP and the JSON binding
 * of all three answers are then archived too. The list names classes only, no paths, so it travels
 * in the release archive; the archive made from it does not (the JVM ties it to the jar's path), so
 * the launcher makes one where the plugin is installed. A second run here makes the one beside the
 * built jar and proves the launcher can.
 *
 * <p>Arguments: the folder of the launcher and the jar; the list and the archive are written beside
 * them.
 */
public final class ClassDataTraining {

  static final String CLASS_LIST = "kubectl-mcpctl.classlist";
  static final String ARCHIVE = "kubectl-mcpctl.jsa";
  private static final String HELP_CLASS_LIST = "kubectl-mcpctl.help.classlist";
  private static final String LIST_CLASS_LIST = "kubectl-mcpctl.list.classlist";
  private static final String GET_CLASS_LIST = "kubectl-mcpctl.get.classlist";
  static final String ARCHIVE_MADE_FOR = "kubectl-mcpctl.jsa.for";
  private static final String NAME = "bao";

  private ClassDataTraining() {}

  public static void main(String[] args) {
    try {
      train(Path.of(args[0]));
    } catch (Exception | AssertionError failed) {
      // Exit at once: the embedded API's event-loop threads would keep this JVM, and the build
      // that waits for it, alive after a failure.
      failed.printStackTrace();
      System.exit(1);
    }
  }

  private static void train(Path folder) throws IOException, InterruptedException {
    Path pluginDirectory = folder.toAbsolutePath();
    // Without a list the launcher neither makes nor uses an archive, so the training run loads
    // every class it needs from the jar and lists them all.
    for (String stale : List.of(CLASS_LIST, ARCHIVE, ARCHIVE_MADE_FOR)) {
      Files.deleteIfExists(pluginDirectory.resolve(stale));
    }
    // Help first: with a list beside it, the launcher would make an archive and load from that.
    help(pluginDirectory);
    try (KubeFixture kube = KubeFixture.start()) {
      String namespace = kube.newNamespace("training");
      createRotatedBackendWithPodAndEvent(kube, namespace);
      describe(pluginDirectory, kube, namespace);
      try (OpenBaoStandIn bao = OpenBaoStandIn.start(StandInOptions.defaults())) {
        readSecrets(pluginDirectory, new SecretsFixture(kube, bao));
      }
    }
    for (String list : List.of(CLASS_LIST, HELP_CLASS_LIST, LIST_CLASS_LIST, GET_CLASS_LIST)) {
      if (!Files.isRegularFile(pluginDirectory.resolve(list))) {
        throw new IllegalStateException("The training run wrote no " + list + ".");
      }
    }
    for (String more : List.of(HELP_CLASS_LIST, LIST_CLASS_LIST, GET_CLASS_LIST)) {
      appendWhatIsNew(pluginDirectory.resolve(more), pluginDirectory.resolve(CLASS_LIST));
    }
    runVersion(pluginDirectory);
    if (!Files.isRegularFile(pluginDirectory.resolve(ARCHIVE))) {
      throw new IllegalStateException(
          "The launcher made no " + ARCHIVE + " from " + CLASS_LIST + " on its first run.");
    }
  }

  /** The launcher's first run with the list beside it, which makes the archive. */
  private static void runVersion(Path pluginDirectory) throws IOException, InterruptedException {
    Path output = Files.createTempFile("kubectl-mcpctl-version-", ".txt");
    try {
      ProcessBuilder launcher =
          new ProcessBuilder("sh", "kubectl-mcpctl", "version")
              .directory(pluginDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      quietJava(launcher.environment());
      launcher.environment().remove("MCPCTL_JAVA_OPTS");
      Process process = launcher.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("The launcher's first version did not finish in 120 s.");
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0 || !printed.startsWith("kubectl-mcpctl ")) {
        throw new IllegalStateException(
            "The launcher's first version exited " + process.exitValue() + ":\n" + printed);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** The build's own JVM, with no options from the environment that could print or differ. */
  private static void quietJava(Map<String, String> environment) {
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.remove("JDK_JAVA_OPTIONS");
  }

  /**
   * {@code kubectl mcpctl --help}, listing what it loaded: picocli's help renderer and the text
   * breaking it uses, which describe never needs.
   */
  private static void help(Path pluginDirectory) throws IOException, InterruptedException {
    String printed = runListingClasses(pluginDirectory, HELP_CLASS_LIST, "--help");
    if (!printed.startsWith("Usage: kubectl mcpctl")) {
      throw new IllegalStateException("The training --help printed:\n" + printed);
    }
  }

  /**
   * Appends to {@code list} the lines of {@code more} that it lacks, in their order (a class comes
   * after the classes it was loaded after, as the JVM wrote them), and deletes {@code more}.
   */
  private static void appendWhatIsNew(Path more, Path list) throws IOException {
    Set<String> known = new HashSet<>(Files.readAllLines(list, StandardCharsets.UTF_8));
    List<String> added =
        Files.readAllLines(more, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.startsWith("#") && known.add(line))
            .toList();
    Files.write(list, added, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.delete(more);
  }

  /** Runs the launcher with {@code args}, its JVM told to list what it loaded; what it printed. */
  private static String runListingClasses(Path pluginDirectory, String list, String... args)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("kubectl-mcpctl-training-", ".txt");
    try {
      List<String> command = new ArrayList<>(List.of("sh", "kubectl-mcpctl"));
      command.addAll(List.of(args));
      ProcessBuilder launcher =
          new ProcessBuilder(command)
              .directory(pluginDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      quietJava(launcher.environment());
      // A relative path: MCPCTL_JAVA_OPTS is split on blanks, and the folder may hold some.
      launcher.environment().put("MCPCTL_JAVA_OPTS", "-XX:DumpLoadedClassList=" + list);
      Process process = launcher.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("The training " + command + " did not finish in 120 s.");
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "The training " + command + " exited " + process.exitValue() + ":\n" + printed);
      }
      return printed;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * {@code list secrets} and {@code get secret} on an OpenBao backend, listing what they loaded:
   * the OpenBao client and the secret stores, which describe never needs.
   */
  private static void readSecrets(Path pluginDirectory, SecretsFixture secrets)
      throws IOException, InterruptedException {
    secrets.openBaoBackend(NAME, "secret", "mcpctl", true);
    CliHarness.Result created = secrets.run("create", "secret", "slack", "--from-literal=a=b");
    if (created.exitCode() != 0) {
      throw new IllegalStateException("The training could not create a secret: " + created);
    }
    String kubeconfig = secrets.kube.kubeconfig().toString();
    String listed =
        runListingClasses(
            pluginDirectory,
            LIST_CLASS_LIST,
            "list",
            "secrets",
            "--kubeconfig",
            kubeconfig,
            "-n",
            secrets.namespace);
    String got =
        runListingClasses(
            pluginDirectory,
            GET_CLASS_LIST,
            "get",
            "secret",
            "slack",
            "--kubeconfig",
            kubeconfig,
            "-n",
            secrets.namespace);
    if (!listed.contains("slack") || !got.contains("Name:")) {
      throw new IllegalStateException("The training read secrets as:\n" + listed + got);
    }
  }

  /** A real describe as kubectl would run it, listing what it loaded. */
  private static void describe(Path pluginDirectory, KubeFixture kube, String namespace)
      throws IOException, InterruptedException {
    String printed =
        runListingClasses(
            pluginDirectory,
            CLASS_LIST,
            "describe",
            "secretbackend",
            NAME,
            "--kubeconfig",
            kube.kubeconfig().toString(),
            "-n",
            namespace);
    if (!printed.contains("Token health:")) {
      throw new IllegalStateException("The training describe printed:\n" + printed);
    }
  }

  private static void createRotatedBackendWithPodAndEvent(KubeFixture kube, String namespace) {
    KubernetesClient client = kube.client();
    Instant rotated = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    SecretBackend created =
        client
            .resources(SecretBackend.class)
            .inNamespace(namespace)
            .resource(
                BackendObjects.backend(
                    namespace,
                    NAME,
                    BackendObjects.openBaoSpec(
                        new BackendNames(NAME),
                        new OpenBaoTarget(
                            "https://bao.example.com:8200", "secret", "mcpctl", false, false),
                        Optional.of(new Rotation("mcpctl-bao-rotator", "24h", "10m", "2m")),
                        true)))
            .create();
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    meta.setGeneratedAt(rotated.toString());
    meta.setLastRotationAt(rotated.toString());
    meta.setNextRotationAt(rotated.plus(1, ChronoUnit.DAYS).toString());
    meta.setExpiresAt(rotated.plus(30, ChronoUnit.DAYS).toString());
    meta.setLastCheckedAt(rotated.toString());
    meta.setPolicies(List.of("default", "mcpctl-bao"));
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(ReadyReasons.CONDITION_TYPE)
                .withStatus("True")
                .withReason(ReadyReasons.TOKEN_VALID)
                .withMessage("The token works and is rotated on schedule.")
                .withLastTransitionTime(rotated.toString())
                .build()));
    created.setStatus(status);
    client.resources(SecretBackend.class).inNamespace(namespace).resource(created).updateStatus();

    kube.createPodReadingTheToken(namespace, "web", rotated.minus(1, ChronoUnit.DAYS).toString());

    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(NAME + ".rotated")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("SecretBackend")
                .withName(NAME)
                .withNamespace(namespace)
                .withApiVersion("mcpctl.io/v1alpha1")
                .endInvolvedObject()
                .withType("Normal")
                .withReason("Rotated")
                .withMessage("Rotated the token.")
                .withLastTimestamp(rotated.toString())
                .withCount(1)
                .build())
        .create();
  }
}
