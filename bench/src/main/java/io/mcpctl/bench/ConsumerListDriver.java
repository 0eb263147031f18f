package io.mcpctl.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Looks for the readers of one token Secret in a namespace, as the operator does, a few times over,
 * and prints the CPU per look and the heap's peak: run by {@link CrowdedNamespace} in a JVM of its
 * own with the operator image's flags. The operator's classes come from the operator jar on that
 * JVM's class path (the harness compiles against none of them), so any build can be measured.
 */
final class ConsumerListDriver {

  private static final int WARM_UP = 3;

  private ConsumerListDriver() {}

  /** {@code kubeconfig namespace looks} */
  public static void main(String[] args) throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[0])));
    String namespace = args[1];
    int looks = Integer.parseInt(args[2]);
    Class<?> metrics = Class.forName("io.mcpctl.operator.runtime.OperatorMetrics");
    Method clientFor =
        Class.forName("io.mcpctl.operator.SecretBackendOperator")
            .getMethod("kubernetesClient", Config.class, metrics);
    try (KubernetesClient client =
        (KubernetesClient) clientFor.invoke(null, config, metrics.getConstructor().newInstance())) {
      Class<?> lookups = Class.forName("io.mcpctl.operator.kube.KubernetesTokenConsumers");
      Object consumers = lookups.getConstructor(KubernetesClient.class).newInstance(client);
      Method find = lookups.getMethod("find", String.class, String.class, String.class);
      int found = 0;
      for (int look = 0; look < WARM_UP; look++) {
        found = ((List<?>) find.invoke(consumers, namespace, "bao-token", "token")).size();
      }
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      double start = cpuSeconds();
      for (int look = 0; look < looks; look++) {
        found = ((List<?>) find.invoke(consumers, namespace, "bao-token", "token")).size();
      }
      double used = cpuSeconds() - start;
      long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
      System.out.printf(
          Locale.ROOT,
          "cpu-ms-per-look=%.1f consumers=%d peak-heap-mib=%.0f%n",
          1000 * used / looks,
          found,
          peak / 1024.0 / 1024.0);
    }
    System.exit(0);
  }

  private static double cpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }
}
