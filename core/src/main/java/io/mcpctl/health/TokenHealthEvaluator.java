package io.mcpctl.health;

import io.fabric8.kubernetes.api.model.Condition;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.spec.ValidatedSpec;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Token health of design §4, evaluated from a backend's status and the time of display, so that a
 * stopped operator shows up as STALE. Pure: the same backend and instant give the same answer.
 */
public final class TokenHealthEvaluator {

  public static final Duration DEFAULT_WARNING_WINDOW = Duration.ofDays(7);
  public static final Duration DEFAULT_STALE_THRESHOLD = Duration.ofHours(1);

  private static final Set<String> OPENBAO_NOT_SERVING =
      Set.of(ReadyReasons.SEALED, ReadyReasons.STANDBY, ReadyReasons.UNREACHABLE);

  private final Duration warningWindow;
  private final Duration staleThreshold;

  public TokenHealthEvaluator() {
    this(DEFAULT_WARNING_WINDOW, DEFAULT_STALE_THRESHOLD);
  }

  public TokenHealthEvaluator(Duration warningWindow, Duration staleThreshold) {
    this.warningWindow = Objects.requireNonNull(warningWindow, "warningWindow");
    this.staleThreshold = Objects.requireNonNull(staleThreshold, "staleThreshold");
  }

  /** How long before its expiry a token counts as expiring soon. */
  public Duration warningWindow() {
    return warningWindow;
  }

  /** The health, or empty when the backend has no rotatable token (kubernetes or static). */
  public Optional<TokenHealth> evaluate(SecretBackend backend, Instant now) {
    return assess(backend, now).map(TokenAssessment::health);
  }

  /** The health with the sentence that explains it, or empty when nothing is rotated. */
  public Optional<TokenAssessment> assess(SecretBackend backend, Instant now) {
    if (!isRotatable(backend)) {
      return Optional.empty();
    }
    SecretBackendStatus status = backend.getStatus();
    TokenMeta meta =
        status == null || status.getTokenMeta() == null ? new TokenMeta() : status.getTokenMeta();
    Optional<Condition> ready = backend.condition(ReadyReasons.CONDITION_TYPE);
    Optional<Condition> tooBroad =
        backend
            .condition(ReadyReasons.POLICY_TOO_BROAD_CONDITION)
            .filter(c -> "True".equals(c.getStatus()));
    return Optional.of(
        error(meta, ready, now)
            .or(() -> warning(meta, ready, tooBroad, now))
            .or(() -> stale(backend, meta, now))
            .orElseGet(() -> healthy(meta)));
  }

  /**
   * Whether the backend's spec asks for rotation ({@link ValidatedSpec#asksForRotation}), the only
   * case with a health section.
   */
  public static boolean isRotatable(SecretBackend backend) {
    return ValidatedSpec.asksForRotation(backend.getSpec());
  }

  private Optional<TokenAssessment> error(TokenMeta meta, Optional<Condition> ready, Instant now) {
    Optional<Instant> expiresAt = Rfc3339.parse(meta.getExpiresAt());
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.ERROR, "The token expired at " + Rfc3339.format(expiresAt.get()) + "."));
    }
    if (hasFalseReason(ready, ReadyReasons.TOKEN_REJECTED)) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.ERROR,
              "OpenBao rejected the token at the last check" + detail(ready.get()) + "."));
    }
    if (hasFalseReason(ready, ReadyReasons.SECRET_MISSING)) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.ERROR, "The token Secret is missing" + detail(ready.get()) + "."));
    }
    for (String unusable :
        List.of(
            ReadyReasons.SECRET_INVALID,
            ReadyReasons.SECRET_NOT_BOUND,
            ReadyReasons.KV_ACCESS_DENIED)) {
      if (hasFalseReason(ready, unusable)) {
        return Optional.of(
            new TokenAssessment(
                TokenHealth.ERROR,
                "The token cannot be used (" + unusable + ")" + detail(ready.get()) + "."));
      }
    }
    return Optional.empty();
  }

  private Optional<TokenAssessment> warning(
      TokenMeta meta, Optional<Condition> ready, Optional<Condition> tooBroad, Instant now) {
    if (meta.getLastRotationError() != null && !meta.getLastRotationError().isBlank()) {
      int failures =
          Math.max(1, meta.getConsecutiveFailures() == null ? 0 : meta.getConsecutiveFailures());
      // Whether the current token still works is what Ready says, never assumed; a Ready=False
      // about something else (a duplicate default, an invalid spec) says neither.
      String current =
          ready
              .map(
                  c ->
                      "True".equals(c.getStatus())
                          ? ", the current token still works"
                          : ReadyReasons.CHECK_FAILURES.contains(c.getReason())
                              ? ", and the current token failed its last check too"
                              : "")
              .orElse("");
      return Optional.of(
          new TokenAssessment(
              TokenHealth.WARNING,
              "The last rotation failed ("
                  + failures
                  + (failures == 1 ? " failure" : " failures in a row")
                  + ")"
                  + current
                  + ": "
                  + meta.getLastRotationError()));
    }
    if (tooBroad.isPresent()) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.WARNING,
              Sentences.withoutFinalPeriod(tooBroad.get().getMessage()) + "."));
    }
    Optional<Instant> expiresAt = Rfc3339.parse(meta.getExpiresAt());
    if (expiresAt.isPresent() && expiresAt.get().isBefore(now.plus(warningWindow))) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.WARNING,
              "The token expires in "
                  + GoDuration.format(roundedToMinutes(Duration.between(now, expiresAt.get())))
                  + ", within the "
                  + GoDuration.format(warningWindow)
                  + " warning window."));
    }
    Optional<String> notServing =
        ready
            .filter(condition -> "False".equals(condition.getStatus()))
            .map(Condition::getReason)
            .filter(OPENBAO_NOT_SERVING::contains);
    if (notServing.isPresent()) {
      return Optional.of(
          new TokenAssessment(
              TokenHealth.WARNING,
              "OpenBao could not be used at the last check ("
                  + notServing.get()
                  + ")"
                  + detail(ready.get())
                  + "."));
    }
    return Optional.empty();
  }

  private Optional<TokenAssessment> stale(SecretBackend backend, TokenMeta meta, Instant now) {
    Optional<Instant> nextRotationAt = Rfc3339.parse(meta.getNextRotationAt());
    // A backend never rotated is due as soon as it exists.
    Optional<Instant> dueAt =
        nextRotationAt.or(() -> Rfc3339.parse(backend.getMetadata().getCreationTimestamp()));
    if (dueAt.isEmpty() || !dueAt.get().plus(staleThreshold).isBefore(now)) {
      return Optional.empty();
    }
    String overdue = GoDuration.format(roundedToMinutes(Duration.between(dueAt.get(), now)));
    String what =
        nextRotationAt.isPresent()
            ? "The next rotation is overdue by " + overdue
            : "The token has not been rotated since the backend was created " + overdue + " ago";
    return Optional.of(
        new TokenAssessment(TokenHealth.STALE, what + "; check that the operator is running."));
  }

  private static TokenAssessment healthy(TokenMeta meta) {
    Optional<Instant> nextRotationAt = Rfc3339.parse(meta.getNextRotationAt());
    return new TokenAssessment(
        TokenHealth.HEALTHY,
        nextRotationAt
            .map(
                next ->
                    "The token works; the next rotation is due at " + Rfc3339.format(next) + ".")
            .orElse("The token is waiting for its first rotation."));
  }

  private static boolean hasFalseReason(Optional<Condition> ready, String reason) {
    return ready
        .filter(condition -> "False".equals(condition.getStatus()))
        .filter(condition -> reason.equals(condition.getReason()))
        .isPresent();
  }

  private static String detail(Condition condition) {
    String message = condition.getMessage();
    return message == null || message.isBlank() ? "" : ": " + Sentences.withoutFinalPeriod(message);
  }

  private static Duration roundedToMinutes(Duration duration) {
    return Duration.ofMinutes(duration.toMinutes());
  }
}
