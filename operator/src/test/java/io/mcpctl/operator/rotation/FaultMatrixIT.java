package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.testing.FaultySecretStore;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.operator.testing.TokenLedger;
import io.mcpctl.sandbox.openbao.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OpenBao call of a rotation × {403, 500, 503 sealed, timeout, connection reset} and every
 * Secret and status write × {409, 500}: the invariants hold at every reconcile, a failure is
 * recorded in status and a Warning event, and later reconciles converge. Prints the matrix.
 */
class FaultMatrixIT {

  private static final String NAMESPACE = "matrix";
  private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);
  private static final Duration SLOW_ANSWER = Duration.ofMillis(700);
  private static final List<String> ROWS = new ArrayList<>();
  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static final AtomicInteger CREDENTIAL_LOSSES = new AtomicInteger();
  private static final AtomicInteger LIVE_ORPHANS = new AtomicInteger();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static KubernetesFixture kubernetes;
  private static OpenBaoFixture bao;
  private static OpenBaoClient impatientClient;

  /** One OpenBao call of a rotation, by method and path after /v1/. */
  private record Call(String label, String method, String pathRegex) {}

  private static final List<Call> CALLS =
      List.of(
          new Call("mint (create/<role>)", "POST", "auth/token/create/.*"),
          new Call("period probe (renew-self)", "POST", "auth/token/renew-self"),
          new Call("verify (KV write)", "POST", "secret/data/.*"),
          new Call("verify (KV read)", "GET", "secret/data/.*"),
          new Call("compare accessors (lookup-self)", "GET", "auth/token/lookup-self"),
          new Call("revoke predecessor (revoke-self)", "POST", "auth/token/revoke-self"));

  private static final List<String> OPENBAO_FAULTS =
      List.of("403", "500", "503 sealed", "timeout", "connection reset");

  @BeforeAll
  static void start() {
    kubernetes = new KubernetesFixture();
    kubernetes.createNamespace(NAMESPACE);
    bao = new OpenBaoFixture();
    impatientClient = bao.client(CLIENT_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    System.out.println();
    System.out.println("Fault matrix: one fault per scenario, then reconciles until settled");
    System.out.printf(
        "%-34s | %-16s | %-6s | %-5s | %-34s | %-10s | %s%n",
        "call or write",
        "fault",
        "rounds",
        "mints",
        "recorded as",
        "token lost",
        "unheld live tokens");
    ROWS.forEach(System.out::println);
    System.out.printf(
        "Totals: %d scenarios, %d credential losses, %d live orphan tokens%n",
        SCENARIOS.get(), CREDENTIAL_LOSSES.get(), LIVE_ORPHANS.get());
    bao.close();
    kubernetes.close();
  }

  static Stream<Arguments> openBaoFaults() {
    return CALLS.stream()
        .flatMap(
            call -> OPENBAO_FAULTS.stream().map(fault -> Arguments.of(call.label(), fault, call)));
  }

  @ParameterizedTest(name = "{0} answering {1}")
  @MethodSource("openBaoFaults")
  void everyOpenBaoCallOfARotationFailingOnce(String label, String faultName, Call call) {
    Fault.Builder fault = Fault.on(call.method(), call.pathRegex()).times(1);
    Fault injected =
        switch (faultName) {
          case "403" -> fault.respond(403).build();
          case "500" -> fault.respond(500).build();
          case "503 sealed" -> fault.respond(503).build();
          case "timeout" -> fault.delay(SLOW_ANSWER).build();
          default -> fault.dropConnection().build();
        };
    Scenario scenario = new Scenario(label, faultName, Function.identity());
    scenario.run(() -> bao.standIn().faults().add(injected), Set.of(), call);
  }

  static Stream<Arguments> secretWriteFaults() {
    return eachWriteFailing(
        "Secret write: ",
        List.of(
            "record the mint (mint-started-at)",
            "stage (next-token)",
            "switch (token, previous-token)",
            "clear previous-token"));
  }

  /** Each of {@code writes} (in the order a rotation makes them) failing once, in each mode. */
  private static Stream<Arguments> eachWriteFailing(String prefix, List<String> writes) {
    return Stream.of(FaultySecretStore.Mode.values())
        .flatMap(
            mode ->
                java.util.stream.IntStream.range(0, writes.size())
                    .mapToObj(i -> Arguments.of(prefix + writes.get(i), mode, i + 1)));
  }

  @ParameterizedTest(name = "{0} failing with {1}")
  @MethodSource("secretWriteFaults")
  void everySecretWriteFailingOnce(String label, FaultySecretStore.Mode mode, int nth) {
    runWithSecretWriteFailing(label, mode, nth, false);
  }

  /**
   * A scenario whose {@code nth} Secret write fails in {@code mode}, inside a grace period or not.
   */
  private static void runWithSecretWriteFailing(
      String label, FaultySecretStore.Mode mode, int nth, boolean insideTheGracePeriod) {
    FaultySecretStore[] store = new FaultySecretStore[1];
    Scenario scenario =
        new Scenario(
            label,
            mode.label(),
            delegate -> {
              store[0] = new FaultySecretStore(delegate);
              return store[0];
            });
    if (insideTheGracePeriod) {
      scenario.rotateInsideTheGracePeriod();
    }
    scenario.run(() -> store[0].failUpdate(nth, mode), Set.of(), null);
  }

  static Stream<Arguments> secretWriteFaultsInsideTheGracePeriod() {
    return eachWriteFailing(
        "Secret write in grace: ",
        List.of(
            "record the mint (mint-started-at)",
            "stage (next-token)",
            "switch (previous-token moved to previous-token-2)",
            "clear previous-token-2",
            "clear previous-token"));
  }

  @ParameterizedTest(name = "{0} failing with {1}")
  @MethodSource("secretWriteFaultsInsideTheGracePeriod")
  void everySecretWriteOfARotationInsideTheGracePeriodFailingOnce(
      String label, FaultySecretStore.Mode mode, int nth) {
    runWithSecretWriteFailing(label, mode, nth, true);
  }

  @ParameterizedTest(name = "revoking the older of two predecessors answering {0}")
  @MethodSource("olderPredecessorFaults")
  void revokingTheOlderOfTwoPredecessorsFailingOnce(String faultName) {
    Call revoke = CALLS.get(CALLS.size() - 1);
    Fault.Builder fault = Fault.on(revoke.method(), revoke.pathRegex()).times(1);
    Fault injected =
        faultName.equals("timeout") ? fault.delay(SLOW_ANSWER).build() : fault.respond(500).build();
    Scenario scenario =
        new Scenario("revoke previous-token-2 (revoke-self)", faultName, Function.identity());
    scenario.rotateInsideTheGracePeriod();
    scenario.run(() -> bao.standIn().faults().add(injected), Set.of(), revoke);
  }

  static Stream<String> olderPredecessorFaults() {
    return Stream.of("500", "timeout");
  }

  static Stream<Arguments> statusWriteFaults() {
    return Stream.of("409", "500")
        .flatMap(
            code ->
                Stream.of(
                    Arguments.of("status write after the switch", code, 1),
                    Arguments.of("status write after the revoke", code, 2)));
  }

  @ParameterizedTest(name = "{0} failing with {1}")
  @MethodSource("statusWriteFaults")
  void everyStatusWriteFailingOnce(String label, String code, int nth) {
    new Scenario(label, code, Function.identity()).run(() -> {}, Set.of(nth), null);
  }

  /** One backend, one fault, reconciles until the rotation has settled. */
  private static final class Scenario {
    private final String label;
    private final String faultName;
    private final String name = "fm" + NAMES.incrementAndGet();
    private final TokenLedger ledger;
    private final ReconcileDriver driver;

    Scenario(
        String label,
        String faultName,
        Function<
                io.mcpctl.operator.rotation.TokenSecretStore,
                io.mcpctl.operator.rotation.TokenSecretStore>
            wrap) {
      this.label = label;
      this.faultName = faultName;
      IssuedToken first = bao.provision(NAMESPACE, name);
      kubernetes.createTokenSecret(NAMESPACE, name, bao.address(), first);
      KubernetesTokenSecretStore real = new KubernetesTokenSecretStore(kubernetes.client());
      this.ledger = new TokenLedger(bao, real, NAMESPACE, name);
      SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, name, bao, "24h", "10m", "2m");
      this.driver =
          new ReconcileDriver(bao, impatientClient, wrap.apply(real), StepListener.NONE, backend);
    }

    /**
     * A first rotation without faults, then a rotation requested 30s later: the scenario's fault
     * hits a rotation while the first predecessor still waits for its revocation.
     */
    void rotateInsideTheGracePeriod() {
      driver.persist(driver.reconcile().status());
      assertThat(ledger.secret().token("previous-token")).as("a predecessor waits").isPresent();
      bao.clock().advance(Duration.ofSeconds(30));
      driver.requestRotation(bao.clock().instant());
    }

    /**
     * @param failedStatusWrites which status writes (1-based, counting only changed statuses) fail
     * @param slowCall the OpenBao call answered late, whose late processing is awaited
     */
    void run(Runnable inject, Set<Integer> failedStatusWrites, Call slowCall) {
      bao.clearRequests();
      inject.run();
      Set<String> warnings = new TreeSet<>();
      boolean statusRecordedError = false;
      boolean tokenLost = false;
      int statusWrites = 0;
      int mintsBefore = mints();
      int rounds = 0;
      boolean converged = false;
      while (rounds < 20 && !converged) {
        rounds++;
        ReconcileOutcome outcome = driver.reconcile();
        outcome.events().stream()
            .filter(e -> e.type().equals("Warning"))
            .forEach(e -> warnings.add(e.reason()));
        if (!Objects.equals(outcome.status(), driver.backend().getStatus())) {
          statusWrites++;
          if (!failedStatusWrites.contains(statusWrites)) {
            driver.persist(outcome.status());
          }
        }
        awaitLateMint(slowCall);
        SecretBackendStatus persisted = driver.backend().getStatus();
        statusRecordedError |=
            persisted != null
                && persisted.getTokenMeta() != null
                && persisted.getTokenMeta().getLastRotationError() != null;
        tokenLost |= !ledger.secretTokenWorks();
        converged = ledger.settled() && settledStatus(persisted);
        if (!converged) {
          Duration wait = outcome.rescheduleAfter();
          bao.clock().advance(wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait);
        }
      }
      bao.standIn().faults().clear();
      Set<String> unheld = ledger.orphans();
      SCENARIOS.incrementAndGet();
      if (tokenLost) {
        CREDENTIAL_LOSSES.incrementAndGet();
      }
      LIVE_ORPHANS.addAndGet(unheld.size());
      String recorded =
          warnings.isEmpty()
              ? "nothing failed (retried or written)"
              : String.join(", ", warnings) + (statusRecordedError ? " + status error" : "");
      ROWS.add(
          String.format(
              "%-34s | %-16s | %-6d | %-5d | %-34s | %-10s | %d%s",
              label,
              faultName,
              rounds,
              mints() - mintsBefore,
              recorded,
              tokenLost ? "YES" : "no",
              unheld.size(),
              unheld.isEmpty() ? "" : " (held by no one; expires after its period)"));

      assertThat(tokenLost).as("the Secret's token worked at every reconcile").isFalse();
      assertThat(converged).as("later reconciles converge").isTrue();
      if (warnings.contains("RotationFailed")) {
        assertThat(statusRecordedError).as("status recorded the rotation failure").isTrue();
      }
      boolean lateMint =
          slowCall != null
              && slowCall.pathRegex().startsWith("auth/token/create")
              && faultName.equals("timeout");
      assertThat(unheld.size())
          .as("live tokens the Secret does not hold")
          .isEqualTo(lateMint ? 1 : 0);
      if (!unheld.isEmpty()) {
        assertThat(warnings).as("a token nobody holds is reported").contains("PossibleOrphan");
      }
    }

    private static boolean settledStatus(SecretBackendStatus status) {
      return status != null
          && status.getTokenMeta() != null
          && status.getTokenMeta().getLastRotationAt() != null
          && Integer.valueOf(0).equals(status.getTokenMeta().getConsecutiveFailures())
          && status.getConditions().stream()
              .anyMatch(
                  c ->
                      c.getType().equals(ReadyReasons.CONDITION_TYPE)
                          && c.getReason().equals(ReadyReasons.TOKEN_VALID));
    }

    /**
     * OpenBao still processes a request whose client gave up (and the stand-in then logs nothing,
     * its answer having nowhere to go). Only a late mint changes what the invariants look at: wait
     * until its token exists.
     */
    private void awaitLateMint(Call slowCall) {
      boolean lateMintInjected =
          slowCall != null
              && slowCall.pathRegex().startsWith("auth/token/create")
              && faultName.equals("timeout")
              && bao.standIn().faults().active().isEmpty();
      if (lateMintInjected) {
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> !ledger.orphans().isEmpty() || ledger.settled());
      }
    }

    private int mints() {
      return (int)
          bao.requests().stream()
              .filter(
                  r ->
                      r.path().equals("/v1/auth/token/create/" + bao.access(name).roleName())
                          && r.status() == 200)
              .count();
    }
  }
}
