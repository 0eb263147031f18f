package io.mcpctl.bench;

import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.bench.ApiRequestRecorder.ApiCall;
import io.mcpctl.bench.RecordingProxy.ProxiedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One rotation of a backend whose token 50 pods read through env, across 10 Deployments (the
 * sandbox's workload emulation makes and replaces the pods), with {@code restart: Rollout}: what
 * the consumers cost in API requests and how long the replaced token lives after the switch.
 */
final class ConsumerRotation {

  static final String NAMESPACE = "consumers";
  static final int WORKLOADS = 10;
  static final int REPLICAS = 5;
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final Duration QUIET = Duration.ofSeconds(2);

  private final BenchStand stand;
  private final Report report;

  ConsumerRotation(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  static List<String> operatorFlags() {
    return List.of("--watch-namespaces=" + NAMESPACE);
  }

  /** The backend, far from its next rotation, and the workloads reading its token. */
  String prepare() {
    String backend =
        stand
            .fleet
            .create(
                new Fleet.Plan(
                    NAMESPACE, NAMESPACE, 1, Instant.now().plus(Duration.ofHours(6)), GRACE))
            .get(0);
    stand
        .client()
        .resources(SecretBackend.class)
        .inNamespace(NAMESPACE)
        .withName(backend)
        .edit(
            edited -> {
              ConsumersSpec consumers = new ConsumersSpec();
              consumers.setRestart(ConsumersSpec.RESTART_ROLLOUT);
              edited.getSpec().getOpenbao().getAuth().getRotation().setConsumers(consumers);
              return edited;
            });
    for (int i = 1; i <= WORKLOADS; i++) {
      stand
          .client()
          .resource(
              """
              {"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "app-%1$d", "namespace": "%2$s"},
               "spec": {"replicas": %3$d, "selector": {"matchLabels": {"app": "app-%1$d"}},
                 "template": {"metadata": {"labels": {"app": "app-%1$d"}},
                   "spec": {"containers": [{"name": "app", "image": "app", "env": [
                     {"name": "BAO_TOKEN",
                      "valueFrom": {"secretKeyRef": {"name": "%4$s-token", "key": "token"}}}]}]}}}}
              """
                  .formatted(i, NAMESPACE, REPLICAS, backend))
          .create();
    }
    stand.awaitWorkloadsSettled();
    return backend;
  }

  /** Asks for a rotation and measures it, from the request to the replaced token's revocation. */
  void measure(OperatorProcess operator, String backend) {
    stand.awaitQuiet(QUIET, Duration.ofSeconds(60));
    int apiMark = stand.api.mark();
    int proxyMark = stand.proxy.mark();
    long requested = System.nanoTime();
    stand
        .client()
        .resources(SecretBackend.class)
        .inNamespace(NAMESPACE)
        .withName(backend)
        .edit(
            edited -> {
              edited
                  .getMetadata()
                  .getAnnotations()
                  .put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, Instant.now().toString());
              return edited;
            });
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> revoked(stand.proxy.since(proxyMark)) >= 1);
    stand.awaitQuiet(QUIET, Duration.ofSeconds(60));

    List<ApiCall> api =
        ApiRequestRecorder.requireSeen(stand.api.since(apiMark), "the consumer rotation").stream()
            // The harness's own annotation edit (a read, then a patch of the backend itself).
            .filter(call -> !call.path().endsWith("/secretbackends/" + backend))
            .toList();
    List<ProxiedCall> proxied = stand.proxy.since(proxyMark);
    long switchedAt =
        api.stream()
            .filter(call -> call.method().equals("PATCH") && call.path().contains("/deployments/"))
            .mapToLong(ApiCall::nanos)
            .min()
            .orElseThrow(
                () ->
                    new IllegalStateException("No workload was restarted; see " + operator.log()));
    long revokedAt =
        proxied.stream()
            .filter(ConsumerRotation::isRevoke)
            .mapToLong(ProxiedCall::startNanos)
            .min()
            .orElseThrow();
    String section =
        "consumers: 1 rotation, "
            + WORKLOADS * REPLICAS
            + " env pods in "
            + WORKLOADS
            + " Deployments, restart: Rollout";
    long podLists =
        api.stream()
            .filter(call -> call.method().equals("GET") && call.path().endsWith("/pods"))
            .count();
    long restarts =
        api.stream()
            .filter(call -> call.method().equals("PATCH") && call.path().contains("/deployments/"))
            .count();
    report.atMost(
        section, "namespaced pod lists (at the switch, at each look while held)", podLists, "", 3);
    report.atMost(
        section, "workload patches (one per restarted Deployment)", restarts, "", WORKLOADS);
    report.info(
        section,
        "API requests",
        ApiPaths.breakdown(api, call -> ApiPaths.kubernetesKind(call.method(), call.path()), 1));
    report.info(
        section, "API writes", Long.toString(api.stream().filter(ApiCall::isWrite).count()));
    report.info(
        section,
        "from the request to the restarts",
        Report.number((switchedAt - requested) / 1e9) + " s");
    report.info(
        section,
        "from the restarts to the revocation of the replaced token (grace "
            + GRACE.toSeconds()
            + " s)",
        Report.number((revokedAt - switchedAt) / 1e9) + " s");
  }

  private static long revoked(List<ProxiedCall> calls) {
    return calls.stream()
        .filter(ConsumerRotation::isRevoke)
        .filter(call -> call.status() == 204)
        .count();
  }

  private static boolean isRevoke(ProxiedCall call) {
    return call.path().equals("/v1/auth/token/revoke-self");
  }
}
