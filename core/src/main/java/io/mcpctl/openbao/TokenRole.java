package io.mcpctl.openbao;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token role ({@code auth/token/roles/:name}), read or to be written. Durations are whole
 * seconds; {@link Duration#ZERO} means "not set".
 *
 * @param tokenPeriod the effective period: {@code token_period}, else the deprecated {@code period}
 * @param tokenExplicitMaxTtl the effective hard cap: {@code token_explicit_max_ttl}, else the
 *     deprecated {@code explicit_max_ttl}
 * @param tokenType {@code service}, {@code batch}, {@code default-service} or {@code default-batch}
 * @param pathSuffix empty when not set
 * @param tokenNumUses 0 means unlimited
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRole(
    String name,
    List<String> allowedPolicies,
    List<String> disallowedPolicies,
    boolean orphan,
    boolean renewable,
    Duration tokenPeriod,
    Duration tokenExplicitMaxTtl,
    String tokenType,
    String pathSuffix,
    boolean tokenNoDefaultPolicy,
    int tokenNumUses) {

  public TokenRole {
    allowedPolicies = List.copyOf(allowedPolicies);
    disallowedPolicies = List.copyOf(disallowedPolicies);
    tokenPeriod = tokenPeriod == null ? Duration.ZERO : tokenPeriod;
    tokenExplicitMaxTtl = tokenExplicitMaxTtl == null ? Duration.ZERO : tokenExplicitMaxTtl;
    tokenType = tokenType == null ? "default-service" : tokenType;
    pathSuffix = pathSuffix == null ? "" : pathSuffix;
  }

  @JsonCreator
  static TokenRole fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("allowed_policies") List<String> allowedPolicies,
      @JsonProperty("disallowed_policies") List<String> disallowedPolicies,
      @JsonProperty("orphan") boolean orphan,
      @JsonProperty("renewable") Boolean renewable,
      @JsonProperty("token_period") long tokenPeriod,
      @JsonProperty("period") long period,
      @JsonProperty("token_explicit_max_ttl") long tokenExplicitMaxTtl,
      @JsonProperty("explicit_max_ttl") long explicitMaxTtl,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("path_suffix") String pathSuffix,
      @JsonProperty("token_no_default_policy") boolean tokenNoDefaultPolicy,
      @JsonProperty("token_num_uses") int tokenNumUses) {
    return new TokenRole(
        name,
        allowedPolicies == null ? List.of() : allowedPolicies,
        disallowedPolicies == null ? List.of() : disallowedPolicies,
        orphan,
        renewable == null || renewable,
        Duration.ofSeconds(tokenPeriod > 0 ? tokenPeriod : period),
        Duration.ofSeconds(tokenExplicitMaxTtl > 0 ? tokenExplicitMaxTtl : explicitMaxTtl),
        tokenType,
        pathSuffix,
        tokenNoDefaultPolicy,
        tokenNumUses);
  }

  /** The same role under another name. */
  public TokenRole withName(String newName) {
    return new TokenRole(
        newName,
        allowedPolicies,
        disallowedPolicies,
        orphan,
        renewable,
        tokenPeriod,
        tokenExplicitMaxTtl,
        tokenType,
        pathSuffix,
        tokenNoDefaultPolicy,
        tokenNumUses);
  }

  /** The write body; every setting is sent so an existing role ends up exactly like this one. */
  Map<String, Object> toRequestBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("allowed_policies", allowedPolicies);
    body.put("disallowed_policies", disallowedPolicies);
    body.put("orphan", orphan);
    body.put("renewable", renewable);
    body.put("token_period", tokenPeriod.toSeconds());
    body.put("token_explicit_max_ttl", tokenExplicitMaxTtl.toSeconds());
    body.put("token_type", tokenType);
    body.put("path_suffix", pathSuffix);
    body.put("token_no_default_policy", tokenNoDefaultPolicy);
    body.put("token_num_uses", tokenNumUses);
    return body;
  }
}
