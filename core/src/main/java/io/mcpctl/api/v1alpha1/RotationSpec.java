package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RotationSpec {

  /** A Go-style duration as Kubernetes and OpenBao write them: 24h, 90m, 1h30m, 45s. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  public static final String DEFAULT_INTERVAL = "24h";
  public static final String DEFAULT_JITTER = "10m";
  public static final String DEFAULT_REVOKE_GRACE_PERIOD = "2m";

  // Named explicitly: the @JsonIgnore on isEnabled() would otherwise drop the whole property.
  @JsonProperty("enabled")
  @JsonPropertyDescription("Whether the operator rotates the token; false keeps it static.")
  private Boolean enabled;

  @Size(max = FieldLimits.TOKEN_ROLE)
  @JsonPropertyDescription(
      "OpenBao token role used to mint successors (orphan, renewable, periodic), e.g."
          + " mcpctl-<namespace>.<backend>-rotator as the wizard names it.")
  private String tokenRole;

  @Default(DEFAULT_INTERVAL)
  @Pattern(DURATION_PATTERN)
  @Size(max = FieldLimits.DURATION)
  @JsonPropertyDescription("Time between rotations, e.g. 24h.")
  private String interval = DEFAULT_INTERVAL;

  @Default(DEFAULT_JITTER)
  @Pattern(DURATION_PATTERN)
  @Size(max = FieldLimits.DURATION)
  @JsonPropertyDescription(
      "Each rotation is scheduled at interval plus or minus a random offset up to this much.")
  private String jitter = DEFAULT_JITTER;

  @Default(DEFAULT_REVOKE_GRACE_PERIOD)
  @Pattern(DURATION_PATTERN)
  @Size(max = FieldLimits.DURATION)
  @JsonPropertyDescription(
      "How long the previous token stays valid after the switch, so consumers can pick up the"
          + " new one. The default 2m covers the kubelet's refresh of a mounted Secret (its sync"
          + " period, 1m by default, plus the Secret cache's propagation).")
  private String revokeGracePeriod = DEFAULT_REVOKE_GRACE_PERIOD;

  @JsonPropertyDescription(
      "The pods that read the token: whether to restart them after a switch, and how long the"
          + " previous token may wait for them before it is revoked.")
  private ConsumersSpec consumers;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  @JsonIgnore
  public boolean isEnabled() {
    return Boolean.TRUE.equals(enabled);
  }

  public String getTokenRole() {
    return tokenRole;
  }

  public void setTokenRole(String tokenRole) {
    this.tokenRole = tokenRole;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getJitter() {
    return jitter;
  }

  public void setJitter(String jitter) {
    this.jitter = jitter;
  }

  public String getRevokeGracePeriod() {
    return revokeGracePeriod;
  }

  public void setRevokeGracePeriod(String revokeGracePeriod) {
    this.revokeGracePeriod = revokeGracePeriod;
  }

  public ConsumersSpec getConsumers() {
    return consumers;
  }

  public void setConsumers(ConsumersSpec consumers) {
    this.consumers = consumers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RotationSpec that
        && Objects.equals(consumers, that.consumers)
        && Objects.equals(enabled, that.enabled)
        && Objects.equals(tokenRole, that.tokenRole)
        && Objects.equals(interval, that.interval)
        && Objects.equals(jitter, that.jitter)
        && Objects.equals(revokeGracePeriod, that.revokeGracePeriod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, tokenRole, interval, jitter, revokeGracePeriod, consumers);
  }
}
