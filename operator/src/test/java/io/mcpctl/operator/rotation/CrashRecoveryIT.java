package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.operator.kube.KubernetesTokenSecretStore;
import io.mcpctl.operator.reconcile.ReconcileOutcome;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.ReconcileDriver;
import io.mcpctl.operator.testing.TokenLedger;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the operator after every step of a rotation and starts a fresh one on what was persisted
 * (the Secret in the embedded API, the last status written), then checks design §5's invariants.
 */
class CrashRecoveryIT {

  private static final String NAMESPACE = "crash";
  private static final List<String> TABLE = new ArrayList<>();

  private static KubernetesFixture kubernetes;
  private static OpenBaoFixture bao;
  private static KubernetesTokenSecretStore secrets;

  @BeforeAll
  static void start() {
    kubernetes = new KubernetesFixture();
    kubernetes.createNamespace(NAMESPACE);
    bao = new OpenBaoFixture();
    secrets = new KubernetesTokenSecretStore(kubernetes.client());
  }

  @AfterAll
  static void stop() {
    System.out.println("Crash at every step boundary (fresh operator on the persisted state):");
    System.out.printf(
        "%-22s | %-12s | %-18s | %-14s | %s%n",
        "crash after", "token works", "unheld live tokens", "recovered", "live tokens after grace");
    TABLE.forEach(System.out::println);
    bao.close();
    kubernetes.close();
  }

  /** Thrown from the step listener: the process dies right after the step. */
  private static final class Crash extends RuntimeException {
    Crash(RotationStep step) {
      super("crash after " + step, null, false, false);
    }
  }

  @ParameterizedTest(
      name = "a crash after {0} leaves a working token and recovers to one live token")
  @EnumSource(RotationStep.class)
  void aCrashAfterEveryStepLeavesAWorkingTokenAndRecovers(RotationStep crashAfter) {
    String name = "crash-" + crashAfter.name().toLowerCase().replace('_', '-');
    IssuedToken first = bao.provision(NAMESPACE, name);
    kubernetes.createTokenSecret(NAMESPACE, name, bao.address(), first);
    SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, name, bao, "24h", "10m", "2m");
    crashAndRecover(name, crashAfter, backend, "");
  }

  @ParameterizedTest(
      name = "a crash after {0} of a rotation inside the grace period recovers to one live token")
  @EnumSource(RotationStep.class)
  void aCrashAfterEveryStepOfARotationInsideTheGracePeriodRecovers(RotationStep crashAfter) {
    String name = "again-" + crashAfter.name().toLowerCase().replace('_', '-');
    ReconcileDriver operator = rotatedOnce(name);
    TokenLedger ledger = new TokenLedger(bao, secrets, NAMESPACE, name);
    assertThat(ledger.secret().token("previous-token")).as("a predecessor waits").isPresent();
    bao.clock().advance(Duration.ofSeconds(30));
    operator.requestRotation(bao.clock().instant());
    crashAndRecover(name, crashAfter, operator.backend(), " (inside the grace period)");
  }

  @Test
  void aSwitchWhoseStatusWasNeverWrittenClearsTheRotationErrorBeforeIt() {
    String name = "lost-status";
    IssuedToken first = bao.provision(NAMESPACE, name);
    kubernetes.createTokenSecret(NAMESPACE, name, bao.address(), first);
    SecretBackend backend = ReconcileDriver.newBackend(NAMESPACE, name, bao, "24h", "10m", "2m");
    TokenMeta failedBefore = new TokenMeta();
    failedBefore.setLastRotationError("OpenBao at " + bao.address() + " could not be reached.");
    failedBefore.setLastRotationErrorAt(
        Rfc3339.format(bao.clock().instant().minus(Duration.ofHours(1))));
    failedBefore.setConsecutiveFailures(1);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(failedBefore);
    backend.setStatus(status);
    ReconcileDriver dying = dyingAfter(RotationStep.SWITCHED, backend);
    assertThat(runUntilCrash(dying)).as("the rotation reached the switch").isTrue();

    ReconcileDriver restarted =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, dying.backend());
    TokenMeta after = restarted.reconcile().status().getTokenMeta();

    assertThat(after.getLastRotationAt()).as("the switch, read from the Secret").isNotNull();
    assertThat(after.getLastRotationError()).isNull();
    assertThat(after.getLastRotationErrorAt()).isNull();
    assertThat(after.getConsecutiveFailures()).isZero();
  }

  /** A process on {@code backend} that dies right after {@code crashAfter}. */
  private static ReconcileDriver dyingAfter(RotationStep crashAfter, SecretBackend backend) {
    return new ReconcileDriver(
        bao,
        bao.client(),
        secrets,
        step -> {
          if (step == crashAfter) {
            throw new Crash(step);
          }
        },
        backend);
  }

  /**
   * Lets a process run until the step listener kills it after {@code crashAfter}, then a fresh one
   * on what was persisted, and checks the invariants at each stage.
   */
  private static void crashAndRecover(
      String name, RotationStep crashAfter, SecretBackend backend, String situation) {
    TokenLedger ledger = new TokenLedger(bao, secrets, NAMESPACE, name);

    ReconcileDriver dying = dyingAfter(crashAfter, backend);
    boolean crashed = runUntilCrash(dying);

    assertThat(crashed).as("the rotation reached " + crashAfter).isTrue();
    assertThat(ledger.secretTokenWorks())
        .as("the Secret's token works right after the crash")
        .isTrue();
    Set<String> unheld = ledger.orphans();
    if (crashAfter == RotationStep.MINTED) {
      // The answer of the mint lives only in the dead process: no one holds that token, and it
      // expires at the end of its period. No ordering can close this window.
      assertThat(unheld).hasSize(1);
    } else {
      assertThat(unheld).as("every minted token is in the Secret or revoked").isEmpty();
    }

    ReconcileDriver restarted =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, dying.backend());
    for (int round = 0; round < 8 && !(ledger.settled() && rotated(restarted)); round++) {
      ReconcileOutcome outcome = restarted.reconcile();
      restarted.persist(outcome.status());
      assertThat(ledger.secretTokenWorks()).as("the Secret's token works during recovery").isTrue();
      bao.clock().advance(Duration.ofMinutes(2));
    }

    Set<String> live = ledger.liveAccessors();
    live.removeAll(unheld);
    assertThat(live).as("after recovery and grace exactly one live token, the Secret's").hasSize(1);
    assertThat(ledger.orphans()).isEqualTo(unheld);
    assertThat(restarted.backend().getStatus().getTokenMeta().getLastRotationAt()).isNotNull();
    boolean recovered = ledger.settled();
    assertThat(recovered).as("nothing staged or previous is left").isTrue();
    TABLE.add(
        String.format(
            "%-22s | %-12s | %-18d | %-14s | %d%s",
            crashAfter + situation,
            "yes",
            unheld.size(),
            "yes",
            live.size(),
            unheld.isEmpty()
                ? ""
                : " (+" + unheld.size() + " held by no one; it expires after its period)"));
  }

  /** A change someone with write access to the Secret makes while a predecessor is held. */
  enum Tampering {
    PREVIOUS_SET_TO_CURRENT(
        secret -> Map.of("previous-token", secret.value("token").orElseThrow())),
    PREVIOUS_PADDED_CURRENT_AND_ACCESSORS_SWAPPED(
        secret ->
            Map.of(
                "previous-token",
                " " + secret.value("token").orElseThrow() + "\n",
                "previous-accessor",
                secret.value("accessor").orElseThrow(),
                "accessor",
                "forged-accessor")),
    STAGED_SET_TO_CURRENT(
        secret ->
            Map.of(
                "next-token", secret.value("token").orElseThrow(),
                "next-accessor", secret.value("accessor").orElseThrow())),
    STAGED_SET_TO_PREVIOUS(
        secret -> Map.of("next-token", secret.value("previous-token").orElseThrow())),
    PREVIOUS_REPLACED_BY_GARBAGE(secret -> Map.of("previous-token", "s.x\r\nX-Injected: 1")),
    ACCESSOR_FORGED(secret -> Map.of("accessor", "forged-accessor"));

    private final java.util.function.Function<TokenSecret, Map<String, String>> change;

    Tampering(java.util.function.Function<TokenSecret, Map<String, String>> change) {
      this.change = change;
    }
  }

  @ParameterizedTest(
      name = "a Secret tampered with ({0}) during the grace period never costs the working token")
  @EnumSource(Tampering.class)
  void aTamperedSecretNeverCostsTheWorkingTokenAndTheOperatorRecovers(Tampering tampering) {
    String name = "tamper-" + tampering.ordinal();
    ReconcileDriver operator = rotatedOnce(name);
    TokenLedger ledger = new TokenLedger(bao, secrets, NAMESPACE, name);
    TokenSecret switched = ledger.secret();
    VaultToken current = switched.token("token").orElseThrow();
    assertThat(switched.token("previous-token")).as("a predecessor is held").isPresent();

    secrets.update(switched.withData(tampering.change.apply(switched)));
    ReconcileDriver restarted =
        new ReconcileDriver(bao, bao.client(), secrets, StepListener.NONE, operator.backend());
    for (int round = 0; round < 6; round++) {
      bao.clock().advance(Duration.ofMinutes(2));
      ReconcileOutcome outcome = restarted.reconcile();
      restarted.persist(outcome.status());
      assertThat(bao.isLive(current)).as("the token consumers use, round " + round).isTrue();
    }

    // A forged accessor is corrected by the next health check, from OpenBao's answer.
    bao.clock().advance(Duration.ofHours(1));
    restarted.persist(restarted.reconcile().status());
    TokenSecret settled = ledger.secret();
    assertThat(settled.token("token")).contains(current);
    assertThat(settled.value("accessor"))
        .as("the accessor is the token's own again")
        .contains(bao.client().withToken(current).lookupSelf().accessor());
    assertThat(settled.data()).doesNotContainKeys("next-token", "previous-token");
    TABLE.add(
        String.format(
            "%-22s | %-12s | %-18d | %-14s | %d",
            "tampered: " + tampering,
            "yes",
            ledger.orphans().size(),
            "yes",
            ledger.liveAccessors().size()));
  }

  /** A backend whose token the operator has rotated once: its predecessor waits out 2m. */
  private static ReconcileDriver rotatedOnce(String name) {
    IssuedToken first = bao.provision(NAMESPACE, name);
    kubernetes.createTokenSecret(NAMESPACE, name, bao.address(), first);
    ReconcileDriver operator =
        new ReconcileDriver(
            bao,
            bao.client(),
            secrets,
            StepListener.NONE,
            ReconcileDriver.newBackend(NAMESPACE, name, bao, "24h", "10m", "2m"));
    operator.persist(operator.reconcile().status());
    return operator;
  }

  private static boolean rotated(ReconcileDriver driver) {
    return driver.backend().getStatus() != null
        && driver.backend().getStatus().getTokenMeta().getLastRotationAt() != null;
  }

  /** Reconciles (moving time past each wake-up) until the step listener kills the process. */
  private static boolean runUntilCrash(ReconcileDriver driver) {
    for (int round = 0; round < 6; round++) {
      try {
        ReconcileOutcome outcome = driver.reconcile();
        driver.persist(outcome.status());
        bao.clock()
            .advance(
                outcome.rescheduleAfter().compareTo(Duration.ofMinutes(5)) < 0
                    ? outcome.rescheduleAfter()
                    : Duration.ofMinutes(5));
      } catch (RuntimeException crash) {
        if (crash instanceof Crash) {
          return true;
        }
        throw crash;
      }
    }
    return false;
  }
}
