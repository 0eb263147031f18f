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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes the plugin's class-data archive at build time (cli-plugin/pom.xml runs it after the jar is
 * packaged). The archive holds the classes one run loaded, so that run is a real {@code describe
 * secretbackend} through the launcher, against the embedded API with a rotated backend, a pod that
 * reads its token and an event: TLS, HTTP and the JSON binding of all three answers are then
 * archived too.
 *
 * <p>Arguments: the folder of the launcher and the jar; the archive is written beside them.
 */
public final class ClassDataTraining {

  static final String ARCHIVE = "kubectl-mcpctl.jsa";
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
    Files.deleteIfExists(pluginDirectory.resolve(ARCHIVE));
    try (KubeFixture kube = KubeFixture.start()) {
      String namespace = kube.newNamespace("training");
      createRotatedBackendWithPodAndEvent(kube, namespace);
      describe(pluginDirectory, kube, namespace);
    }
    if (!Files.isRegularFile(pluginDirectory.resolve(ARCHIVE))) {
      throw new IllegalStateException("The training run wrote no " + ARCHIVE + ".");
    }
  }

  /** Runs the launcher as kubectl would, with the JVM told to archive what it loaded. */
  private static void describe(Path pluginDirectory, KubeFixture kube, String namespace)
      throws IOException, InterruptedException {
    Path output = kube.directory().resolve("training-output.txt");
    ProcessBuilder launcher =
        new ProcessBuilder(
                "sh",
                "kubectl-mcpctl",
                "describe",
                "secretbackend",
                NAME,
                "--kubeconfig",
                kube.kubeconfig().toString(),
                "-n",
                namespace)
            .directory(pluginDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> environment = launcher.environment();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    // A relative path: MCPCTL_JAVA_OPTS is split on blanks, and the folder may hold some.
    environment.put(
        "MCPCTL_JAVA_OPTS",
        "-XX:ArchiveClassesAtExit=" + ARCHIVE + " -Xlog:cds=off -Xlog:cds+dynamic=off");
    environment.remove("JAVA_TOOL_OPTIONS");
    environment.remove("JDK_JAVA_OPTIONS");
    Process process = launcher.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("The training describe did not finish within 120 s.");
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0 || !printed.contains("Token health:")) {
      throw new IllegalStateException(
          "The training describe exited " + process.exitValue() + ":\n" + printed);
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
