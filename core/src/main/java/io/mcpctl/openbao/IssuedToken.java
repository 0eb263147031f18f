package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * The {@code auth} block of a token create or renew-self answer.
 *
 * @param clientToken the token (prints masked); on renew-self it is the caller's own token
 * @param accessor not secret, but it identifies the token to revoke-accessor: keep it out of logs
 * @param policies all policies, sorted as OpenBao sends them
 * @param leaseDuration the TTL granted now; for a periodic token this equals the period
 * @param tokenType {@code service} or {@code batch}
 * @param warnings OpenBao's warnings for this call, e.g. a capped TTL or an unknown policy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedToken(
    VaultToken clientToken,
    String accessor,
    List<String> policies,
    List<String> tokenPolicies,
    Duration leaseDuration,
    boolean renewable,
    boolean orphan,
    String tokenType,
    String entityId,
    int numUses,
    List<String> warnings) {

  public IssuedToken {
    policies = List.copyOf(policies);
    tokenPolicies = List.copyOf(tokenPolicies);
    warnings = List.copyOf(warnings);
  }

  @JsonCreator
  static IssuedToken fromJson(
      @JsonProperty("client_token") String clientToken,
      @JsonProperty("accessor") String accessor,
      @JsonProperty("policies") List<String> policies,
      @JsonProperty("token_policies") List<String> tokenPolicies,
      @JsonProperty("lease_duration") long leaseDuration,
      @JsonProperty("renewable") boolean renewable,
      @JsonProperty("orphan") boolean orphan,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("entity_id") String entityId,
      @JsonProperty("num_uses") int numUses) {
    return new IssuedToken(
        clientToken == null || clientToken.isBlank() ? null : VaultToken.of(clientToken),
        accessor == null ? "" : accessor,
        policies == null ? List.of() : policies,
        tokenPolicies == null ? List.of() : tokenPolicies,
        AnswerTimes.seconds(leaseDuration),
        renewable,
        orphan,
        tokenType == null ? "" : tokenType,
        entityId == null ? "" : entityId,
        numUses,
        List.of());
  }

  IssuedToken withWarnings(List<String> newWarnings) {
    return new IssuedToken(
        clientToken,
        accessor,
        policies,
        tokenPolicies,
        leaseDuration,
        renewable,
        orphan,
        tokenType,
        entityId,
        numUses,
        newWarnings);
  }
}
