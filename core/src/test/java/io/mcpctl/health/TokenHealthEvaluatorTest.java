package io.mcpctl.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenHealthEvaluatorTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String CREATED = "2025-05-01T00:00:00Z";

  private final TokenHealthEvaluator evaluator = new TokenHealthEvaluator();

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "a token rotated on schedule with a month of runway is healthy",
            meta -> {},
            null,
            TokenHealth.HEALTHY,
            "next rotation is due at 2025-06-02T00:00:00Z"),
        row(
            "a token past its expiry is an error even if rotation looks fine",
            meta -> meta.setExpiresAt("2025-06-01T11:59:59Z"),
            null,
            TokenHealth.ERROR,
            "expired at 2025-06-01T11:59:59Z"),
        row(
            "a token expiring exactly now is an error",
            meta -> meta.setExpiresAt("2025-06-01T12:00:00Z"),
            null,
            TokenHealth.ERROR,
            "expired"),
        row(
            "a token OpenBao rejected at the last check is an error",
            meta -> {},
            ready("False", ReadyReasons.TOKEN_REJECTED, "lookup-self answered permission denied."),
            TokenHealth.ERROR,
            "rejected the token at the last check: lookup-self answered permission denied."),
        row(
            "a missing token Secret is an error",
            meta -> {},
            ready("False", ReadyReasons.SECRET_MISSING, "Secret team-a/bao-token not found"),
            TokenHealth.ERROR,
            "Secret is missing: Secret team-a/bao-token not found."),
        row(
            "an expired token outranks a failed rotation",
            meta -> {
              meta.setExpiresAt("2025-06-01T00:00:00Z");
              meta.setLastRotationError("mint failed: permission denied");
            },
            null,
            TokenHealth.ERROR,
            "expired"),
        row(
            "a failed last rotation while the old token works is a warning",
            meta -> {
              meta.setLastRotationError("mint failed: OpenBao answered 500");
              meta.setConsecutiveFailures(3);
            },
            ready("True", ReadyReasons.ROTATION_FAILED, "rotation keeps failing"),
            TokenHealth.WARNING,
            "3 failures in a row), the current token still works: mint failed: OpenBao answered 500"),
        row(
            "a failed rotation while OpenBao is sealed never claims the token still works",
            meta -> meta.setLastRotationError("OpenBao is sealed"),
            ready("False", ReadyReasons.SEALED, "OpenBao is sealed"),
            TokenHealth.WARNING,
            "(1 failure), and the current token failed its last check too: OpenBao is sealed"),
        row(
            "a failed rotation of a backend overruled as a duplicate default claims nothing of"
                + " the token",
            meta -> meta.setLastRotationError("mint failed: OpenBao answered 500"),
            ready("False", ReadyReasons.DUPLICATE_DEFAULT, "bao is older"),
            TokenHealth.WARNING,
            "The last rotation failed (1 failure): mint failed: OpenBao answered 500"),
        row(
            "a token Secret not bound to the backend is an error",
            meta -> {},
            ready("False", ReadyReasons.SECRET_NOT_BOUND, "Secret team-a/db has type Opaque."),
            TokenHealth.ERROR,
            "cannot be used (SecretNotBound): Secret team-a/db has type Opaque."),
        row(
            "a token that may no longer read or write its folder is an error",
            meta -> {},
            ready("False", ReadyReasons.KV_ACCESS_DENIED, "The token may no longer read."),
            TokenHealth.ERROR,
            "cannot be used (KvAccessDenied)"),
        row(
            "an empty token key is an error",
            meta -> {},
            ready("False", ReadyReasons.SECRET_INVALID, "Secret team-a/t has an empty key."),
            TokenHealth.ERROR,
            "cannot be used (SecretInvalid)"),
        row(
            "a token expiring within the warning window is a warning",
            meta -> meta.setExpiresAt("2025-06-05T12:00:00Z"),
            null,
            TokenHealth.WARNING,
            "expires in 96h, within the 168h warning window"),
        row(
            "a token expiring just after the warning window is healthy",
            meta -> meta.setExpiresAt("2025-06-08T12:00:01Z"),
            null,
            TokenHealth.HEALTHY,
            "token works"),
        row(
            "a sealed OpenBao at the last check is a warning, not an error",
            meta -> {},
            ready("False", ReadyReasons.SEALED, "OpenBao is sealed"),
            TokenHealth.WARNING,
            "(Sealed): OpenBao is sealed."),
        row(
            "a failed rotation outranks an overdue schedule",
            meta -> {
              meta.setNextRotationAt("2025-06-01T09:00:00Z");
              meta.setLastRotationError("verify failed");
            },
            null,
            TokenHealth.WARNING,
            "last rotation failed (1 failure)"),
        row(
            "a rotation overdue by more than the stale threshold is stale",
            meta -> meta.setNextRotationAt("2025-06-01T10:30:00Z"),
            null,
            TokenHealth.STALE,
            "overdue by 1h30m; check that the operator is running"),
        row(
            "a rotation overdue by less than the stale threshold is still healthy",
            meta -> meta.setNextRotationAt("2025-06-01T11:00:01Z"),
            null,
            TokenHealth.HEALTHY,
            "token works"),
        row(
            "a backend the operator never rotated is stale once the threshold has passed since"
                + " creation",
            meta -> meta.setNextRotationAt(null),
            null,
            TokenHealth.STALE,
            "not been rotated since the backend was created 756h ago"),
        row(
            "an unreadable timestamp is ignored rather than failing the display",
            meta -> meta.setExpiresAt("next tuesday"),
            null,
            TokenHealth.HEALTHY,
            "token works"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatesHealthFromStatusAndClock(
      String sentence,
      Consumer<TokenMeta> change,
      Condition ready,
      TokenHealth expected,
      String reasonFragment) {
    SecretBackend backend = rotatingBackend();
    TokenMeta meta = healthyMeta();
    change.accept(meta);
    backend.getStatus().setTokenMeta(meta);
    if (ready != null) {
      backend.getStatus().setConditions(List.of(ready));
    }

    TokenAssessment assessment = evaluator.assess(backend, NOW).orElseThrow();

    assertThat(assessment.health()).isEqualTo(expected);
    assertThat(assessment.reason()).contains(reasonFragment);
    assertThat(evaluator.evaluate(backend, NOW)).contains(expected);
  }

  @Test
  void aPolicyReachingOtherNamespacesIsAWarningThatSaysWhatToRun() {
    SecretBackend backend = rotatingBackend();
    backend.getStatus().setTokenMeta(healthyMeta());
    backend
        .getStatus()
        .setConditions(
            List.of(
                ready("True", ReadyReasons.TOKEN_VALID, "The token works."),
                new ConditionBuilder()
                    .withType(ReadyReasons.POLICY_TOO_BROAD_CONDITION)
                    .withStatus("True")
                    .withReason(ReadyReasons.REACHES_OTHER_NAMESPACES)
                    .withMessage("The token's policy reaches other namespaces' secrets; run it.")
                    .build()));

    TokenAssessment assessment = evaluator.assess(backend, NOW).orElseThrow();

    assertThat(assessment.health()).isEqualTo(TokenHealth.WARNING);
    assertThat(assessment.reason())
        .isEqualTo("The token's policy reaches other namespaces' secrets; run it.");
  }

  @Test
  void aBackendWithoutStatusIsWaitingForItsFirstRotationWhileYoung() {
    SecretBackend backend = rotatingBackend();
    backend.setStatus(null);
    backend.getMetadata().setCreationTimestamp("2025-06-01T11:30:00Z");

    assertThat(evaluator.assess(backend, NOW))
        .hasValueSatisfying(
            assessment -> {
              assertThat(assessment.health()).isEqualTo(TokenHealth.HEALTHY);
              assertThat(assessment.reason()).contains("first rotation");
            });
  }

  @Test
  void aStaticTokenHasNoHealthSection() {
    SecretBackend backend = rotatingBackend();
    backend.getSpec().getOpenbao().getAuth().getRotation().setEnabled(false);

    assertThat(evaluator.evaluate(backend, NOW)).isEmpty();
    assertThat(evaluator.assess(backend, NOW)).isEmpty();
  }

  @Test
  void aStaticTokenWithoutRotationBlockHasNoHealthSection() {
    SecretBackend backend = rotatingBackend();
    backend.getSpec().getOpenbao().getAuth().setRotation(null);

    assertThat(evaluator.evaluate(backend, NOW)).isEmpty();
  }

  @Test
  void aKubernetesBackendHasNoHealthSection() {
    SecretBackend backend = rotatingBackend();
    backend.getSpec().setType("kubernetes");
    backend.getSpec().setOpenbao(null);

    assertThat(evaluator.evaluate(backend, NOW)).isEmpty();
  }

  @Test
  void configuredThresholdsReplaceTheDefaults() {
    TokenHealthEvaluator strict =
        new TokenHealthEvaluator(Duration.ofDays(40), Duration.ofMinutes(5));
    SecretBackend backend = rotatingBackend();
    backend.getStatus().setTokenMeta(healthyMeta());

    assertThat(strict.assess(backend, NOW).orElseThrow().reason())
        .contains("within the 960h warning window");

    backend.getStatus().getTokenMeta().setExpiresAt("2025-08-01T00:00:00Z");
    backend.getStatus().getTokenMeta().setNextRotationAt("2025-06-01T11:54:00Z");
    assertThat(strict.evaluate(backend, NOW)).contains(TokenHealth.STALE);
    assertThat(evaluator.evaluate(backend, NOW)).contains(TokenHealth.HEALTHY);
  }

  private static Arguments row(
      String sentence,
      Consumer<TokenMeta> change,
      Condition ready,
      TokenHealth expected,
      String reasonFragment) {
    return Arguments.of(sentence, change, ready, expected, reasonFragment);
  }

  private static Condition ready(String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(ReadyReasons.CONDITION_TYPE)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  private static TokenMeta healthyMeta() {
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    meta.setGeneratedAt("2025-06-01T00:00:00Z");
    meta.setLastRotationAt("2025-06-01T00:00:00Z");
    meta.setNextRotationAt("2025-06-02T00:00:00Z");
    meta.setExpiresAt("2025-07-01T00:00:00Z");
    meta.setConsecutiveFailures(0);
    return meta;
  }

  private static SecretBackend rotatingBackend() {
    RotationSpec rotation = new RotationSpec();
    rotation.setEnabled(true);
    rotation.setTokenRole("mcpctl-bao-rotator");
    AuthSpec auth = new AuthSpec();
    auth.setTokenSecretRef(new SecretKeyRef("bao-token", "token"));
    auth.setRotation(rotation);
    OpenBaoSpec openbao = new OpenBaoSpec();
    openbao.setAddress("https://bao.example.com:8200");
    openbao.setAuth(auth);
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType("openbao");
    spec.setOpenbao(openbao);
    SecretBackend backend = new SecretBackend();
    backend.setMetadata(
        new ObjectMetaBuilder()
            .withName("bao")
            .withNamespace("team-a")
            .withCreationTimestamp(CREATED)
            .build());
    backend.setSpec(spec);
    backend.setStatus(new SecretBackendStatus());
    return backend;
  }
}
