package io.mcpctl.spec;

import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.FieldLimits;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.schedule.ConsumerPolicy;
import io.mcpctl.schedule.RotationSettings;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.GoDuration;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a spec again in the operator, because an API server may not enforce the CRD schema. The
 * first problem found is reported as one sentence that names the field and says what to write.
 */
public final class SpecValidator {

  private static final Pattern ADDRESS = Pattern.compile(OpenBaoSpec.ADDRESS_PATTERN);
  private static final Pattern ROLE_NAME = Pattern.compile("^\\w(([\\w.-]+)?\\w)?$");
  private static final Pattern KUBERNETES_NAME =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

  /**
   * Control and format characters and line or paragraph separators: what could end a log line or
   * reorder its text (bidirectional overrides) when a refused value is quoted.
   */
  /** The longest part of a refused value a message quotes. */
  private static final int QUOTED_LENGTH = 80;

  private SpecValidator() {}

  /** The validated spec, or the problem that makes it invalid. */
  public static Result validate(SecretBackendSpec spec) {
    try {
      return new Result(Optional.of(check(spec)), Optional.empty());
    } catch (InvalidField invalid) {
      return new Result(Optional.empty(), Optional.of(invalid.getMessage()));
    }
  }

  /**
   * Either a validated spec or a problem sentence.
   *
   * @param spec present when the spec is valid
   * @param problem present when it is not: one sentence naming the field
   */
  public record Result(Optional<ValidatedSpec> spec, Optional<String> problem) {
    public boolean isValid() {
      return spec.isPresent();
    }
  }

  private static ValidatedSpec check(SecretBackendSpec spec) {
    if (spec == null) {
      throw new InvalidField("spec is missing; set spec.type to openbao or kubernetes.");
    }
    BackendType type =
        spec.backendType()
            .orElseThrow(
                () ->
                    new InvalidField(
                        "spec.type "
                            + quoted(spec.getType())
                            + " is not a backend type; set it to openbao or kubernetes."));
    if (type == BackendType.KUBERNETES) {
      return new ValidatedSpec(type, Optional.empty(), Optional.empty());
    }
    OpenBaoSpec openbao = spec.getOpenbao();
    if (openbao == null) {
      throw new InvalidField(
          "spec.openbao is missing; a backend of type openbao needs its address and auth.");
    }
    checkLength("spec.openbao.address", openbao.getAddress(), FieldLimits.ADDRESS);
    if (openbao.getAddress() == null || !ADDRESS.matcher(openbao.getAddress()).matches()) {
      throw new InvalidField(
          "spec.openbao.address "
              + quotedAddress(openbao.getAddress())
              + " is not an http or https URL with a port from 1 to 65535; set it to one such as"
              + " https://bao.example.com:8200.");
    }
    try {
      OpenBaoConnection.of(openbao.getAddress());
    } catch (IllegalArgumentException unusable) {
      throw new InvalidField(
          "spec.openbao.address "
              + quotedAddress(openbao.getAddress())
              + " is not a usable URL; set it to one such as https://bao.example.com:8200.");
    }
    checkNamespace(openbao.getNamespace());
    checkKv(openbao.getKv());
    checkTls(openbao.getTls());
    AuthSpec auth = openbao.getAuth();
    if (auth == null) {
      throw new InvalidField(
          "spec.openbao.auth is missing; set auth.tokenSecretRef to the Secret holding the token.");
    }
    checkSecretKeyRef(auth.getTokenSecretRef(), "spec.openbao.auth.tokenSecretRef");
    if (!ValidatedSpec.asksForRotation(spec)) {
      return new ValidatedSpec(type, Optional.of(openbao), Optional.empty());
    }
    if (TokenSecretKeys.OPERATOR_KEYS.contains(auth.getTokenSecretRef().getKey())) {
      throw new InvalidField(
          "spec.openbao.auth.tokenSecretRef.key \""
              + auth.getTokenSecretRef().getKey()
              + "\" is a key the operator uses during rotation; set it to another key, such as"
              + " token.");
    }
    return new ValidatedSpec(type, Optional.of(openbao), Optional.of(rotation(auth.getRotation())));
  }

  private static void checkNamespace(String namespace) {
    checkLength("spec.openbao.namespace", namespace, FieldLimits.OPENBAO_NAMESPACE);
    try {
      OpenBaoNamespace.parse(namespace);
    } catch (IllegalArgumentException refused) {
      throw new InvalidField(
          "spec.openbao.namespace "
              + quoted(namespace)
              + " is not an OpenBao namespace path: "
              + refused.getMessage()
              + "; set it to one such as team-a/dev, or leave it out for the root namespace.");
    }
  }

  private static RotationSettings rotation(RotationSpec rotation) {
    String field = "spec.openbao.auth.rotation";
    String role = rotation.getTokenRole();
    checkLength(field + ".tokenRole", role, FieldLimits.TOKEN_ROLE);
    if (role == null || !ROLE_NAME.matcher(role).matches()) {
      throw new InvalidField(
          field
              + ".tokenRole "
              + quoted(role)
              + " is not a token role name; set it to the role that mints successors, such as"
              + " mcpctl-team-a.bao-rotator.");
    }
    Duration interval =
        duration(rotation.getInterval(), RotationSpec.DEFAULT_INTERVAL, field + ".interval");
    Duration jitter =
        duration(rotation.getJitter(), RotationSpec.DEFAULT_JITTER, field + ".jitter");
    Duration grace =
        duration(
            rotation.getRevokeGracePeriod(),
            RotationSpec.DEFAULT_REVOKE_GRACE_PERIOD,
            field + ".revokeGracePeriod");
    if (interval.compareTo(RotationLimits.MIN_INTERVAL) < 0) {
      throw new InvalidField(
          field
              + ".interval "
              + quoted(rotation.getInterval())
              + " is shorter than "
              + GoDuration.format(RotationLimits.MIN_INTERVAL)
              + "; use a longer one, such as 24h.");
    }
    if (!RotationLimits.jitterFits(jitter, interval)) {
      throw new InvalidField(
          field
              + ".jitter "
              + quoted(rotation.getJitter())
              + " must be less than half the interval ("
              + GoDuration.format(interval)
              + "); lower it, such as "
              + GoDuration.format(interval.dividedBy(10))
              + ".");
    }
    if (!RotationLimits.gracePeriodFits(grace, interval, jitter)) {
      throw new InvalidField(
          field
              + ".revokeGracePeriod "
              + quoted(rotation.getRevokeGracePeriod())
              + " must end before the next rotation (interval minus jitter); lower it, such as 2m.");
    }
    return new RotationSettings(
        role, interval, jitter, grace, consumers(rotation.getConsumers(), interval, jitter, grace));
  }

  private static ConsumerPolicy consumers(
      ConsumersSpec consumers, Duration interval, Duration jitter, Duration grace) {
    Duration room = interval.minus(jitter);
    if (consumers == null) {
      return ConsumerPolicy.defaults(room);
    }
    String field = "spec.openbao.auth.rotation.consumers";
    String restart =
        consumers.getRestart() == null ? ConsumersSpec.RESTART_NONE : consumers.getRestart();
    if (!restart.equals(ConsumersSpec.RESTART_NONE)
        && !restart.equals(ConsumersSpec.RESTART_ROLLOUT)) {
      throw new InvalidField(
          field + ".restart " + quoted(restart) + " is not None or Rollout; set one of them.");
    }
    boolean rollout = restart.equals(ConsumersSpec.RESTART_ROLLOUT);
    if (consumers.getMaxRevokeDelay() == null) {
      return new ConsumerPolicy(rollout, ConsumerPolicy.defaults(room).maxRevokeDelay());
    }
    Duration delay =
        duration(
            consumers.getMaxRevokeDelay(),
            ConsumersSpec.DEFAULT_MAX_REVOKE_DELAY,
            field + ".maxRevokeDelay");
    if (delay.compareTo(grace) < 0 || delay.compareTo(room) >= 0) {
      throw new InvalidField(
          field
              + ".maxRevokeDelay "
              + quoted(consumers.getMaxRevokeDelay())
              + " must be at least the revokeGracePeriod ("
              + GoDuration.format(grace)
              + ") and end before the next rotation (interval minus jitter, "
              + GoDuration.format(room)
              + "); set one in between.");
    }
    return new ConsumerPolicy(rollout, delay);
  }

  private static Duration duration(String text, String defaultValue, String field) {
    String value = text == null ? defaultValue : text;
    checkLength(field, value, FieldLimits.DURATION);
    return RotationLimits.duration(value)
        .orElseThrow(
            () ->
                new InvalidField(
                    field
                        + " "
                        + quoted(value)
                        + " is not a duration; write one such as 24h, 10m or 90s."));
  }

  private static void checkKv(KvSpec kv) {
    if (kv == null) {
      return;
    }
    checkLength("spec.openbao.kv.mount", kv.getMount(), FieldLimits.MOUNT);
    checkLength("spec.openbao.kv.pathPrefix", kv.getPathPrefix(), FieldLimits.PATH_PREFIX);
    try {
      OpenBaoPaths.requireMount(kv.getMount());
    } catch (IllegalArgumentException invalid) {
      throw new InvalidField(
          "spec.openbao.kv.mount "
              + quoted(kv.getMount())
              + " is not a mount path; set it without leading or trailing slashes, whitespace,"
              + " '*', '+' or '\"', such as secret.");
    }
    try {
      OpenBaoPaths.requirePathPrefix(kv.getPathPrefix());
    } catch (IllegalArgumentException invalid) {
      throw new InvalidField(
          "spec.openbao.kv.pathPrefix "
              + quoted(kv.getPathPrefix())
              + " is not a path; set it without leading or trailing slashes, whitespace, '*', '+'"
              + " or '\"', such as mcpctl.");
    }
  }

  private static void checkTls(TlsSpec tls) {
    if (tls == null) {
      return;
    }
    if (tls.getCaSecretRef() != null) {
      checkSecretKeyRef(tls.getCaSecretRef(), "spec.openbao.tls.caSecretRef");
      if (tls.skipsVerification()) {
        throw new InvalidField(
            "spec.openbao.tls sets both caSecretRef and insecureSkipVerify; keep caSecretRef and"
                + " remove insecureSkipVerify.");
      }
    }
  }

  private static void checkSecretKeyRef(SecretKeyRef ref, String field) {
    if (ref == null) {
      throw new InvalidField(field + " is missing; set name and key of the Secret.");
    }
    checkLength(field + ".name", ref.getName(), FieldLimits.KUBERNETES_NAME);
    checkLength(field + ".key", ref.getKey(), FieldLimits.KUBERNETES_NAME);
    if (ref.getName() == null || !KUBERNETES_NAME.matcher(ref.getName()).matches()) {
      throw new InvalidField(
          field
              + ".name "
              + quoted(ref.getName())
              + " is not a Secret name; set it to the Secret's name.");
    }
    if (ref.getKey() == null || !SECRET_KEY.matcher(ref.getKey()).matches()) {
      throw new InvalidField(
          field
              + ".key "
              + quoted(ref.getKey())
              + " is not a Secret key; set it to a key such as token.");
    }
  }

  private static void checkLength(String field, String value, int max) {
    // Characters as the CRD's maxLength counts them: code points, not UTF-16 units.
    int length = value == null ? 0 : value.codePointCount(0, value.length());
    if (length > max) {
      throw new InvalidField(
          field
              + " is "
              + length
              + " characters long, more than the "
              + max
              + " allowed; shorten it.");
    }
  }

  /**
   * An address as {@link #quoted} shows it, without a user name and password or a query written
   * into it.
   */
  private static String quotedAddress(String address) {
    return quoted(address == null ? null : OpenBaoConnection.quotable(address));
  }

  /**
   * The value as the message quotes it: control characters shown as {@code ?}, so that an edited
   * spec cannot start a line of its own in the operator's log, and a long value cut short.
   */
  private static String quoted(String value) {
    if (value == null) {
      return "(absent)";
    }
    return "\"" + Sentences.oneLine(value, QUOTED_LENGTH) + "\"";
  }

  private static final class InvalidField extends RuntimeException {
    InvalidField(String message) {
      super(message, null, false, false);
    }
  }
}
