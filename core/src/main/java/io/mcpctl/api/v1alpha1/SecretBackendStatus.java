package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

// An operator rolled back to this release must still read what a later one writes.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretBackendStatus {

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Standard conditions. Ready's reason tells what to do: TokenValid or KubernetesStore"
          + " (nothing), RotationFailed (the old token still works; see tokenMeta), TokenRejected"
          + " (re-run the wizard), Sealed, Standby or Unreachable (fix or wait for OpenBao),"
          + " SecretMissing or SecretInvalid (restore the token Secret), SecretNotBound (use a"
          + " token Secret bound to this backend), KvAccessDenied (re-run the wizard),"
          + " DuplicateDefault (keep one default per namespace), InvalidSpec (fix the resource),"
          + " ReconcileError (retried), Deleting (tokens being revoked). PolicyTooBroad is True"
          + " while the token reaches other namespaces' secrets (re-run the wizard).")
  @SchemaFrom(type = ConditionSchema[].class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("What the operator knows about the backend's token. Never the token.")
  private TokenMeta tokenMeta;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** The condition of {@code type} (such as {@link ReadyReasons#CONDITION_TYPE}), if set. */
  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
  }

  public TokenMeta getTokenMeta() {
    return tokenMeta;
  }

  public void setTokenMeta(TokenMeta tokenMeta) {
    this.tokenMeta = tokenMeta;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBackendStatus that
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(tokenMeta, that.tokenMeta);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, tokenMeta);
  }
}
