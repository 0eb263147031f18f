package io.mcpctl.bench;

import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.bench.ApiRequestRecorder.ApiCall;
import io.mcpctl.bench.RecordingProxy.ProxiedCall;
import io.mcpctl.sandbox.openbao.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one scheduled rotation and one idle reconcile cost: OpenBao requests from the stand-in's
 * request log, API writes as the embedded API received them. The harness sends nothing while
 * measuring, apart from the annotation edits that trigger idle reconciles (subtracted, one each).
 */
final class ReconcileCost {

  static final String NAMESPACE = "rotation";
  static final int BACKENDS = 3;
  static final int POKES = 10;
  static final Duration GRACE = Duration.ofSeconds(3);

  /** Time for the operator to see and settle the new backends before their rotation is due. */
  private static final Duration LEAD = Duration.ofSeconds(40);

  private static final Duration QUIET = Duration.ofSeconds(2);

  private final BenchStand stand;
  private final Report report;
  private Instant due;
  private int apiBeforeCreation;

  ReconcileCost(BenchStand stand, Report report) {
    this.stand = stand;
    this.report = report;
  }

  /** The operator flags: it watches only this benchmark's namespace. */
  static List<String> operatorFlags() {
    return List.of("--watch-namespaces=" + NAMESPACE);
  }

  /**
   * Creates backends due in {@link #LEAD}, before the operator starts: a backend it saw without the
   * status written next would count as never rotated, and be rotated at once.
   */
  void createBackends() {
    due = Instant.now().plus(LEAD);
    apiBeforeCreation = stand.api.mark();
    stand.fleet.create(new Fleet.Plan(NAMESPACE, NAMESPACE, BACKENDS, due, GRACE));
  }

  /** Lets the operator settle, then measures the rotations when they fall due. */
  void measureRotation(OperatorProcess operator) {
    try {
      stand.awaitQuiet(QUIET, Duration.between(Instant.now(), due.minusSeconds(1)));
    } catch (org.awaitility.core.ConditionTimeoutException | IllegalArgumentException busy) {
      throw new IllegalStateException(
          "The operator had not settled before the rotations fell due (API requests since the backends were created: "
              + ApiPaths.breakdown(
                  stand.api.since(apiBeforeCreation),
                  call -> ApiPaths.kubernetesKind(call.method(), call.path()),
                  1)
              + "); run again on a quieter machine, or raise ReconcileCost.LEAD.",
          busy);
    }
    if (!stand.proxy.since(0).isEmpty()) {
      throw new IllegalStateException(
          "The operator called OpenBao before the rotations were due; see " + operator.log());
    }
    int apiMark = stand.api.mark();
    int proxyMark = stand.proxy.mark();
    stand.openBao.requestLog().clear();
    long rotationsBefore = operator.successfulRotations();
    Map<String, Long> clientBefore = operator.clientRequestsByMethod();

    await()
        .atMost(LEAD.plus(Duration.ofSeconds(90)))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> revokes(stand.proxy.since(proxyMark)) >= BACKENDS);
    stand.awaitQuiet(QUIET, Duration.ofSeconds(60));

    long rotated = operator.successfulRotations() - rotationsBefore;
    if (rotated != BACKENDS) {
      throw new IllegalStateException(
          "Expected "
              + BACKENDS
              + " rotations in the window, the operator counted "
              + rotated
              + "; see "
              + operator.log());
    }
    List<RequestRecord> openBao = stand.openBao.requestLog().entries();
    List<ApiCall> api =
        ApiRequestRecorder.requireSeen(stand.api.since(apiMark), "the rotation window");
    List<ProxiedCall> proxied = stand.proxy.since(proxyMark);
    if (proxied.size() != openBao.size()) {
      throw new IllegalStateException(
          "The proxy forwarded "
              + proxied.size()
              + " requests but the stand-in logged "
              + openBao.size()
              + "; someone else called OpenBao.");
    }
    long cleanupStart =
        proxied.stream()
            .filter(ReconcileCost::isRevokeSelf)
            .mapToLong(ProxiedCall::startNanos)
            .min()
            .orElseThrow();
    List<ApiCall> writes = api.stream().filter(ApiCall::isWrite).toList();
    List<ApiCall> rotationWrites =
        writes.stream().filter(call -> call.nanos() < cleanupStart).toList();
    List<ApiCall> cleanupWrites =
        writes.stream().filter(call -> call.nanos() >= cleanupStart).toList();

    String section = "per rotation";
    report.atMost(
        section, "OpenBao requests per rotation", (double) openBao.size() / BACKENDS, "", 5);
    report.info(
        section,
        "  of which",
        ApiPaths.breakdown(
            openBao,
            record ->
                ApiPaths.openBaoKind(
                    record.method(), record.path(), stand.fleet.access().pathPrefix()),
            BACKENDS));
    report.atMost(
        section,
        "API writes per rotation (rotation + revoke after the grace period)",
        (double) writes.size() / BACKENDS,
        "",
        4);
    report.info(
        section,
        "  in the rotating reconcile",
        ApiPaths.breakdown(
            rotationWrites, call -> ApiPaths.kubernetesKind(call.method(), call.path()), BACKENDS));
    report.info(
        section,
        "  when the grace period ends",
        ApiPaths.breakdown(
            cleanupWrites, call -> ApiPaths.kubernetesKind(call.method(), call.path()), BACKENDS));
    report.info(
        section,
        "API reads per rotation",
        Report.number((double) (api.size() - writes.size()) / BACKENDS));
    report.info(
        section,
        "  as the operator's client counted them",
        perMethod(clientBefore, operator.clientRequestsByMethod(), BACKENDS));
  }

  /** Edits an annotation {@link #POKES} times, one reconcile each, and counts what they cost. */
  void measureIdle(OperatorProcess operator) {
    String backend = NAMESPACE + "-1";
    stand.awaitQuiet(QUIET, Duration.ofSeconds(60));
    int apiMark = stand.api.mark();
    stand.openBao.requestLog().clear();
    long idleBefore = operator.reconciles("idle");
    long allBefore = totalReconciles(operator);
    Map<String, Long> clientBefore = operator.clientRequestsByMethod();
    for (int poke = 1; poke <= POKES; poke++) {
      String value = Integer.toString(poke);
      long expected = totalReconciles(operator) + 1;
      stand
          .client()
          .resources(SecretBackend.class)
          .inNamespace(NAMESPACE)
          .withName(backend)
          .edit(
              edited -> {
                edited.getMetadata().getAnnotations().put("bench.mcpctl.io/poke", value);
                return edited;
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> totalReconciles(operator) >= expected);
    }
    stand.awaitQuiet(QUIET, Duration.ofSeconds(60));

    long reconciles = totalReconciles(operator) - allBefore;
    long idle = operator.reconciles("idle") - idleBefore;
    List<ApiCall> writes =
        ApiRequestRecorder.requireSeen(stand.api.since(apiMark), "the idle window").stream()
            .filter(ApiCall::isWrite)
            .toList();
    long pokes =
        writes.stream().filter(call -> call.path().endsWith("/secretbackends/" + backend)).count();
    if (pokes < POKES) {
      throw new IllegalStateException(
          "Only " + pokes + " of the " + POKES + " annotation edits reached the API server.");
    }
    // The harness's edits are the writes to the object itself; the operator's would be on top.
    long operatorWrites = writes.size() - POKES;
    long openBao = stand.openBao.requestLog().answered();

    String section = "per idle reconcile";
    report.info(
        section,
        "idle reconciles measured",
        reconciles + " (" + idle + " counted idle by the operator)");
    report.atMost(
        section, "OpenBao requests per idle reconcile", (double) openBao / reconciles, "", 0);
    report.atMost(
        section, "API writes per idle reconcile", (double) operatorWrites / reconciles, "", 0);
    report.info(
        section,
        "operator's API requests per idle reconcile",
        perMethod(clientBefore, operator.clientRequestsByMethod(), (int) reconciles));
  }

  private static long totalReconciles(OperatorProcess operator) {
    return (long) operator.metric("mcpctl_secretbackend_reconcile_duration_seconds_count", "");
  }

  private static long revokes(List<ProxiedCall> calls) {
    return calls.stream()
        .filter(ReconcileCost::isRevokeSelf)
        .filter(call -> call.status() == 204)
        .count();
  }

  private static boolean isRevokeSelf(ProxiedCall call) {
    return call.path().equals("/v1/auth/token/revoke-self");
  }

  private static String perMethod(Map<String, Long> before, Map<String, Long> after, int per) {
    StringBuilder text = new StringBuilder();
    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
      long delta = after.get(method) - before.get(method);
      if (delta > 0) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(Report.number((double) delta / per))
            .append(" × ")
            .append(method);
      }
    }
    return text.length() == 0 ? "none" : text.toString();
  }
}
