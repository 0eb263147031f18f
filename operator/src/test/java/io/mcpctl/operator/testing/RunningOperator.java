package io.mcpctl.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.mcpctl.operator.OperatorConfig;
import io.mcpctl.operator.OperatorTuning;
import io.mcpctl.operator.SecretBackendOperator;
import io.mcpctl.operator.runtime.OperatorMetrics;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator as {@code main} builds it, in this JVM against the embedded API, with its own
 * Kubernetes client (whose requests it counts), authenticated as the chart's ServiceAccount under
 * the chart's RBAC ({@link OperatorChart}, in the mode its flags choose), and short timeouts so
 * that tests take seconds.
 */
public final class RunningOperator implements AutoCloseable {

  public static final OperatorTuning FAST =
      new OperatorTuning(
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofDays(7),
          Duration.ofHours(1),
          Duration.ofSeconds(4),
          Duration.ofSeconds(3),
          Duration.ofMillis(500));

  private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

  private final SecretBackendOperator operator;
  private final OperatorMetrics metrics;
  private final KubernetesClient client;
  private final AccessLog accessLog;
  private final String user;

  private RunningOperator(
      KubernetesFixture kubernetes,
      Runnable onLostLeadership,
      Interceptor[] interceptors,
      String... flags) {
    try {
      OperatorConfig config = OperatorConfig.parse(flags, Map.of());
      this.metrics = new OperatorMetrics();
      // As the chart's ServiceAccount: a request outside the chart's RBAC fails the test.
      ChartIdentity chart = OperatorChart.forFlags(flags);
      this.client =
          SecretBackendOperator.kubernetesClient(
              chart.installForClient(kubernetes.api()), metrics, interceptors);
      this.accessLog = kubernetes.api().accessLog();
      this.user =
          "system:serviceaccount:" + ChartIdentity.NAMESPACE + ":" + chart.serviceAccountName();
      this.operator =
          new SecretBackendOperator(
              config, FAST, client, metrics, Clock.systemUTC(), onLostLeadership);
    } catch (OperatorConfig.InvalidConfigException invalid) {
      throw new IllegalArgumentException(invalid.getMessage(), invalid);
    }
  }

  /** Starts an operator with these flags plus a free metrics port. */
  public static RunningOperator start(KubernetesFixture kubernetes, String... flags) {
    return start(kubernetes, () -> {}, flags);
  }

  /**
   * Starts an operator with these flags plus a free metrics port.
   *
   * @param onLostLeadership what the operator does when another replica takes its Lease ({@code
   *     main} exits)
   */
  public static RunningOperator start(
      KubernetesFixture kubernetes, Runnable onLostLeadership, String... flags) {
    return start(kubernetes, onLostLeadership, new Interceptor[0], flags);
  }

  /**
   * Starts an operator with these flags plus a free metrics port, whose Kubernetes client passes
   * every request through {@code interceptors} first.
   */
  public static RunningOperator start(
      KubernetesFixture kubernetes,
      Runnable onLostLeadership,
      Interceptor[] interceptors,
      String... flags) {
    String[] withPort = java.util.Arrays.copyOf(flags, flags.length + 1);
    withPort[flags.length] = "--metrics-port=0";
    RunningOperator running =
        new RunningOperator(kubernetes, onLostLeadership, interceptors, withPort);
    try {
      running.operator.start();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return running;
  }

  public SecretBackendOperator operator() {
    return operator;
  }

  /** The operator's own client: the chart's ServiceAccount. */
  public KubernetesClient client() {
    return client;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Writes (POST, PUT, PATCH, DELETE) this operator sent to the API server so far. */
  public long apiWrites() {
    return WRITES.stream().mapToLong(metrics::apiRequests).sum();
  }

  /** The Prometheus text of /metrics. */
  public String scrape() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      metrics.write(out);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * One series of the scrape, named as the exposition writes it: {@code name{a="x",b="y"}} with its
   * labels in name order, or the bare name; empty when the scrape has no such series.
   */
  public java.util.OptionalDouble sample(String series) {
    return scrape()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
        .findFirst();
  }

  /** How many reconciles finished so far, by the reconcile-duration histogram's count. */
  public long reconciles() {
    return scrape()
        .lines()
        .filter(line -> line.startsWith("mcpctl_secretbackend_reconcile_duration_seconds_count"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** {@code system:serviceaccount:NS:NAME}, as the API records the operator's requests. */
  public String user() {
    return user;
  }

  /** Each kind of request the operator's ServiceAccount made so far, with RBAC's verdict. */
  public Set<AccessLog.Use> apiUses() {
    return accessLog.usesBy(user);
  }

  /**
   * Stops the operator.
   *
   * @throws AssertionError when RBAC denied the operator any request: the chart and the code
   *     disagree, which on a cluster is a failing feature and a 403 in the audit log
   */
  @Override
  public void close() {
    operator.close();
    client.close();
    List<AccessLog.Use> denied = apiUses().stream().filter(use -> !use.allowed()).toList();
    if (!denied.isEmpty()) {
      throw new AssertionError("The chart's RBAC denied the operator these requests: " + denied);
    }
  }
}
