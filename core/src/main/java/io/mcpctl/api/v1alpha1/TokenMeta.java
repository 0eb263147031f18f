package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Facts about the backend's current token. Timestamps are RFC 3339 strings as Kubernetes writes
 * them; {@code io.mcpctl.health} parses them. No field ever holds a token or an accessor.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TokenMeta {

  @JsonPropertyDescription("Whether the operator rotates this token (false for a static token).")
  private Boolean rotatable;

  @JsonPropertyDescription("Token health as last computed: Healthy, Stale, Warning or Error.")
  private TokenHealth health;

  @JsonPropertyDescription("When the current token was minted (RFC 3339).")
  private String generatedAt;

  @JsonPropertyDescription("When the current token expires unless renewed (RFC 3339).")
  private String expiresAt;

  @JsonPropertyDescription("Whether OpenBao allows the current token to be renewed.")
  private Boolean renewable;

  @JsonPropertyDescription("The token's period, e.g. 720h, for a periodic token.")
  private String period;

  @JsonPropertyDescription("OpenBao policies attached to the current token.")
  private List<String> policies;

  @JsonPropertyDescription("When the last successful rotation switched tokens (RFC 3339).")
  private String lastRotationAt;

  @JsonPropertyDescription("When the next rotation is due; jitter is rolled once and kept here.")
  private String nextRotationAt;

  @JsonPropertyDescription(
      "A check of the token with OpenBao (RFC 3339), recorded along with another change or"
          + " every 26h at least; every check is in the metric"
          + " mcpctl_secretbackend_last_check_timestamp_seconds.")
  private String lastCheckedAt;

  @JsonPropertyDescription("The last rotation failure, empty after a success. Never a token.")
  private String lastRotationError;

  @JsonPropertyDescription("When the last rotation failure happened (RFC 3339).")
  private String lastRotationErrorAt;

  @JsonPropertyDescription("Rotation attempts that failed in a row since the last success.")
  private Integer consecutiveFailures;

  @JsonPropertyDescription(
      "The last value of the mcpctl.io/rotate-requested-at annotation the operator acted on.")
  private String handledRotateRequest;

  public Boolean getRotatable() {
    return rotatable;
  }

  public void setRotatable(Boolean rotatable) {
    this.rotatable = rotatable;
  }

  public TokenHealth getHealth() {
    return health;
  }

  public void setHealth(TokenHealth health) {
    this.health = health;
  }

  public String getGeneratedAt() {
    return generatedAt;
  }

  public void setGeneratedAt(String generatedAt) {
    this.generatedAt = generatedAt;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public Boolean getRenewable() {
    return renewable;
  }

  public void setRenewable(Boolean renewable) {
    this.renewable = renewable;
  }

  public String getPeriod() {
    return period;
  }

  public void setPeriod(String period) {
    this.period = period;
  }

  public List<String> getPolicies() {
    return policies;
  }

  public void setPolicies(List<String> policies) {
    this.policies = policies;
  }

  public String getLastRotationAt() {
    return lastRotationAt;
  }

  public void setLastRotationAt(String lastRotationAt) {
    this.lastRotationAt = lastRotationAt;
  }

  public String getNextRotationAt() {
    return nextRotationAt;
  }

  public void setNextRotationAt(String nextRotationAt) {
    this.nextRotationAt = nextRotationAt;
  }

  public String getLastCheckedAt() {
    return lastCheckedAt;
  }

  public void setLastCheckedAt(String lastCheckedAt) {
    this.lastCheckedAt = lastCheckedAt;
  }

  public String getLastRotationError() {
    return lastRotationError;
  }

  public void setLastRotationError(String lastRotationError) {
    this.lastRotationError = lastRotationError;
  }

  public String getLastRotationErrorAt() {
    return lastRotationErrorAt;
  }

  public void setLastRotationErrorAt(String lastRotationErrorAt) {
    this.lastRotationErrorAt = lastRotationErrorAt;
  }

  public Integer getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public void setConsecutiveFailures(Integer consecutiveFailures) {
    this.consecutiveFailures = consecutiveFailures;
  }

  public String getHandledRotateRequest() {
    return handledRotateRequest;
  }

  public void setHandledRotateRequest(String handledRotateRequest) {
    this.handledRotateRequest = handledRotateRequest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenMeta that
        && Objects.equals(rotatable, that.rotatable)
        && health == that.health
        && Objects.equals(generatedAt, that.generatedAt)
        && Objects.equals(expiresAt, that.expiresAt)
        && Objects.equals(renewable, that.renewable)
        && Objects.equals(period, that.period)
        && Objects.equals(policies, that.policies)
        && Objects.equals(lastRotationAt, that.lastRotationAt)
        && Objects.equals(nextRotationAt, that.nextRotationAt)
        && Objects.equals(lastCheckedAt, that.lastCheckedAt)
        && Objects.equals(lastRotationError, that.lastRotationError)
        && Objects.equals(lastRotationErrorAt, that.lastRotationErrorAt)
        && Objects.equals(consecutiveFailures, that.consecutiveFailures)
        && Objects.equals(handledRotateRequest, that.handledRotateRequest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        rotatable,
        health,
        generatedAt,
        expiresAt,
        renewable,
        period,
        policies,
        lastRotationAt,
        nextRotationAt,
        lastCheckedAt,
        lastRotationError,
        lastRotationErrorAt,
        consecutiveFailures,
        handledRotateRequest);
  }

  /** A copy of {@code source} that shares nothing with it; an empty one for {@code null}. */
  public static TokenMeta copyOf(TokenMeta source) {
    TokenMeta meta = new TokenMeta();
    if (source == null) {
      return meta;
    }
    meta.setRotatable(source.getRotatable());
    meta.setHealth(source.getHealth());
    meta.setGeneratedAt(source.getGeneratedAt());
    meta.setExpiresAt(source.getExpiresAt());
    meta.setRenewable(source.getRenewable());
    meta.setPeriod(source.getPeriod());
    meta.setPolicies(source.getPolicies() == null ? null : new ArrayList<>(source.getPolicies()));
    meta.setLastRotationAt(source.getLastRotationAt());
    meta.setNextRotationAt(source.getNextRotationAt());
    meta.setLastCheckedAt(source.getLastCheckedAt());
    meta.setLastRotationError(source.getLastRotationError());
    meta.setLastRotationErrorAt(source.getLastRotationErrorAt());
    meta.setConsecutiveFailures(source.getConsecutiveFailures());
    meta.setHandledRotateRequest(source.getHandledRotateRequest());
    return meta;
  }
}
