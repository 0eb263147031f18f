package io.mcpctl.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every benchmark runs against, in this JVM: the embedded Kubernetes API with the
 * SecretBackend CRD (its requests recorded), the OpenBao stand-in behind the recording proxy, and a
 * fleet builder. The operator runs as its own process with the image's JVM flags.
 */
final class BenchStand implements AutoCloseable {

  private static final Pattern IMAGE_JVM_OPTIONS =
      Pattern.compile("ENV JDK_JAVA_OPTIONS=\"([^\"]+)\"");

  final Path root;
  final Path runDirectory;
  final Path operatorJar;
  final Path pluginDirectory;
  final List<String> operatorJvmFlags;
  final ApiRequestRecorder api;
  final OpenBaoStandIn openBao;
  final RecordingProxy proxy;
  private final OpenBaoClient admin;
  private EmbeddedKubernetes kubernetes;
  Path kubeconfig;

  /** The chart's ServiceAccount under the chart's RBAC: what the operator runs as. */
  private Path operatorKubeconfig;

  Fleet fleet;

  private BenchStand(
      Path root, String target, Path runDirectory, List<String> extraJvmFlags, Path operatorJar) {
    this.root = root;
    this.runDirectory = runDirectory;
    this.operatorJar = operatorJar;
    this.pluginDirectory = root.resolve("cli-plugin").resolve(target);
    List<String> flags =
        new java.util.ArrayList<>(
            imageJvmFlags(root.resolve("operator/src/main/docker/Dockerfile")));
    flags.addAll(extraJvmFlags);
    this.operatorJvmFlags = List.copyOf(flags);
    this.api = ApiRequestRecorder.attach();
    this.openBao = OpenBaoStandIn.start(StandInOptions.defaults());
    this.proxy = RecordingProxy.start(openBao.address());
    this.admin =
        OpenBaoClient.connect(OpenBaoConnection.builder(openBao.address().toString()).build())
            .withToken(openBao.rootToken());
    freshKubernetes();
  }

  /**
   * Replaces the embedded API with an empty one, so that each benchmark pays only for its own
   * objects: the API's request cost grows with the number of objects it holds.
   */
  void freshKubernetes() {
    if (kubernetes != null) {
      kubernetes.close();
    }
    kubernetes = EmbeddedKubernetes.start();
    kubeconfig = kubernetes.writeKubeconfig(runDirectory.resolve("kubeconfig"));
    applyCrd(kubernetes.client(), root.resolve("crds/secretbackends.mcpctl.io-v1.yml"));
    operatorKubeconfig =
        ChartIdentity.render(root.resolve("helm").resolve("mcpctl-operator"), List.of())
            .installForKubeconfig(kubernetes, runDirectory.resolve("operator-kubeconfig"));
    fleet =
        new Fleet(
            kubernetes.client(),
            admin,
            proxy.address(),
            fleet == null ? java.util.Set.of() : fleet.mintedTokens());
  }

  /**
   * @param extraJvmFlags added after the image's JVM flags, e.g. to profile the operator
   * @param operatorJar another build of the operator to measure (to compare two builds), or empty
   *     for {@code operator/<target>/mcpctl-operator.jar}
   */
  static BenchStand start(
      Path root, String target, List<String> extraJvmFlags, java.util.Optional<Path> operatorJar) {
    try {
      Path runDirectory =
          Files.createDirectories(root.resolve("bench").resolve(target).resolve("run"));
      // Logs of an earlier run would be scanned for tokens and read as this run's.
      for (Path earlier : LeakScan.logsIn(runDirectory)) {
        Files.delete(earlier);
      }
      return new BenchStand(
          root,
          target,
          runDirectory,
          extraJvmFlags,
          operatorJar.orElse(
              root.resolve("operator").resolve(target).resolve("mcpctl-operator.jar")));
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not create the benchmark's run directory", failure);
    }
  }

  KubernetesClient client() {
    return kubernetes.client();
  }

  /** The kubeconfig the operator runs with: the chart's ServiceAccount under the chart's RBAC. */
  Path operatorKubeconfig() {
    return operatorKubeconfig;
  }

  /** Waits until the embedded API's workload emulation has made the pods asked for. */
  void awaitWorkloadsSettled() {
    kubernetes.awaitWorkloadsSettled();
  }

  /** Starts an operator with the image's JVM flags; its output goes to {@code run/<name>.log}. */
  OperatorProcess startOperator(String name, List<String> flags) {
    return OperatorProcess.start(
        operatorJar,
        operatorKubeconfig,
        operatorJvmFlags,
        flags,
        runDirectory.resolve(name + ".log"));
  }

  /**
   * Waits until neither the API server nor OpenBao has seen a request for {@code quiet}: the
   * operator has finished what it was doing.
   */
  void awaitQuiet(Duration quiet, Duration atMost) {
    long quietNanos = quiet.toNanos();
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> System.nanoTime() - Math.max(api.lastNanos(), proxy.lastNanos()) >= quietNanos);
  }

  /** The JVM flags the operator image sets, so the figures are those of a deployed operator. */
  static List<String> imageJvmFlags(Path dockerfile) {
    try {
      Matcher options = IMAGE_JVM_OPTIONS.matcher(Files.readString(dockerfile));
      if (!options.find()) {
        throw new IllegalStateException(
            dockerfile
                + " sets no ENV JDK_JAVA_OPTIONS=\"…\"; the benchmark runs the operator with the image's flags.");
      }
      return List.of(options.group(1).strip().split("\\s+"));
    } catch (IOException failure) {
      throw new UncheckedIOException("Could not read " + dockerfile, failure);
    }
  }

  private static void applyCrd(KubernetesClient client, Path crdFile) {
    try (InputStream crd = Files.newInputStream(crdFile)) {
      CustomResourceDefinition definition =
          client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client.resource(definition).create();
    } catch (IOException failure) {
      throw new UncheckedIOException(
          "The SecretBackend CRD could not be read from " + crdFile, failure);
    }
  }

  @Override
  public void close() {
    proxy.close();
    openBao.close();
    kubernetes.close();
  }
}
