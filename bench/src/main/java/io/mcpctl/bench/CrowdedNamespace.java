package io.mcpctl.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the consumer check costs in a crowded namespace: {@link ConsumerListDriver} looks for the
 * readers of a token Secret among {@link #PODS} pods (or as many as asked), as the operator does at
 * each switch and hold check, in a JVM with the operator image's flags (its 192 MiB heap included)
 * and the chart's RBAC, and reports CPU and peak heap per look. With {@code --operator-jar} it
 * measures another build's consumer lookup, for a before and after.
 */
final class CrowdedNamespace {

  static final String NAMESPACE = "crowded";

  /** The pods of the namespace unless {@code --crowded-pods} says otherwise. */
  static final int PODS = 2000;

  /** One pod in this many reads the token, through an environment variable. */
  private static final int ONE_READER_IN = 40;

  private static final int LOOKS = 10;
  private static final Pattern RESULT =
      Pattern.compile("cpu-ms-per-look=([0-9.]+) consumers=([0-9]+) peak-heap-mib=([0-9.]+)");

  private final BenchStand stand;
  private final Report report;

  CrowdedNamespace(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  void measure(int pods) {
    KubernetesClient client = stand.client();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    for (int index = 0; index < pods; index++) {
      client.pods().inNamespace(NAMESPACE).resource(pod(index)).create();
    }
    String section = "consumers in a crowded namespace, " + pods + " pods";
    Path log = stand.runDirectory.resolve("crowded-namespace.log");
    DriverJvm.Run run =
        DriverJvm.run(
            stand,
            // The operator's classes first: with --operator-jar, that build's lookup is measured.
            stand.operatorJar + File.pathSeparator + BenchJar.path(),
            ConsumerListDriver.class,
            List.of(stand.operatorKubeconfig().toString(), NAMESPACE, Integer.toString(LOOKS)),
            log,
            "The consumer lookup");
    report.info(section, "operator jar", "`" + stand.operatorJar + "`");
    Matcher result = RESULT.matcher(run.output());
    if (run.exitCode() != 0 || !result.find()) {
      // -XX:+ExitOnOutOfMemoryError, one of the image's flags, exits with 3.
      report.info(
          section,
          "one look for the token's readers",
          run.exitCode() == 3
              ? "ran out of the image's heap (exit 3)"
              : "failed (exit " + run.exitCode() + "); see " + log);
      return;
    }
    report.info(section, "readers found per look", result.group(2) + " of " + readers(pods));
    report.info(section, "operator CPU per look (mean of " + LOOKS + ")", result.group(1) + " ms");
    report.info(
        section, "peak heap through the looks (sum of the pools' peaks)", result.group(3) + " MiB");
  }

  private static int readers(int pods) {
    return (pods + ONE_READER_IN - 1) / ONE_READER_IN;
  }

  /** A pod as a Deployment makes it: labels, two containers, probes, resources, volumes, status. */
  private static Pod pod(int index) {
    String secret = index % ONE_READER_IN == 0 ? "bao-token" : "other-token";
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-" + index)
        .withLabels(Map.of("app", "web", "pod-template-hash", "5d8f7c9b6"))
        .withAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-12-01T00:00:00Z"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.com/web:1.4.2")
        .addNewEnv()
        .withName("LOG_LEVEL")
        .withValue("info")
        .endEnv()
        .addNewEnv()
        .withName("BAO_TOKEN")
        .withNewValueFrom()
        .withNewSecretKeyRef("token", secret, false)
        .endValueFrom()
        .endEnv()
        .addNewPort()
        .withContainerPort(8080)
        .withName("http")
        .endPort()
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("128Mi"))
        .addToLimits("memory", new Quantity("256Mi"))
        .endResources()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withNewPort("http")
        .endHttpGet()
        .withPeriodSeconds(10)
        .endReadinessProbe()
        .addNewVolumeMount()
        .withName("config")
        .withMountPath("/etc/web")
        .endVolumeMount()
        .endContainer()
        .addNewContainer()
        .withName("proxy")
        .withImage("registry.example.com/proxy:2.0")
        .withArgs("--listen=:9090", "--upstream=127.0.0.1:8080")
        .endContainer()
        .addNewVolume()
        .withName("config")
        .withNewConfigMap()
        .withName("web-config")
        .endConfigMap()
        .endVolume()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("10.0.0." + (index % 250))
        .withStartTime("2026-12-01T00:00:00Z")
        .addNewContainerStatus()
        .withName("app")
        .withReady(true)
        .withRestartCount(0)
        .withImage("registry.example.com/web:1.4.2")
        .withNewState()
        .withNewRunning("2026-12-01T00:00:02Z")
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
