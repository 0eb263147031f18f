package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** What the operator does about the pods that read the token when it rotates. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumersSpec {

  public static final String RESTART_NONE = "None";
  public static final String RESTART_ROLLOUT = "Rollout";
  public static final String DEFAULT_MAX_REVOKE_DELAY = "1h";

  @Default(RESTART_NONE)
  @Pattern("^(None|Rollout)$")
  @JsonPropertyDescription(
      "None (default): restart nothing. Rollout: after a switch, rolling-restart (as kubectl"
          + " rollout restart does) each Deployment, StatefulSet and DaemonSet with a pod that"
          + " reads the token only at start (env, subPath, or annotated mcpctl.io/token-read:"
          + " once).")
  private String restart = RESTART_NONE;

  // No schema default: absent means an hour, or less when the interval leaves less room, which a
  // fixed default written into every object could not follow.
  @Pattern(RotationSpec.DURATION_PATTERN)
  @Size(max = FieldLimits.DURATION)
  @JsonPropertyDescription(
      "The previous token is revoked once its grace period has passed and no pod that started"
          + " before the switch still reads it only at start; at the latest this long after the"
          + " switch, with a Warning naming the pods that will fail. Default: 1h, or the interval"
          + " minus jitter when that is shorter.")
  private String maxRevokeDelay;

  public String getRestart() {
    return restart;
  }

  public void setRestart(String restart) {
    this.restart = restart;
  }

  public String getMaxRevokeDelay() {
    return maxRevokeDelay;
  }

  public void setMaxRevokeDelay(String maxRevokeDelay) {
    this.maxRevokeDelay = maxRevokeDelay;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsumersSpec that
        && Objects.equals(restart, that.restart)
        && Objects.equals(maxRevokeDelay, that.maxRevokeDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(restart, maxRevokeDelay);
  }
}
