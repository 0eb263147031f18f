package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The CRD schema of one status condition, the same as Kubernetes' metav1.Condition. Only read by
 * the CRD generator ({@code @SchemaFrom} on {@link SecretBackendStatus}); code uses fabric8's
 * {@link io.fabric8.kubernetes.api.model.Condition}, which carries no validation.
 */
final class ConditionSchema {

  enum Status {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN
  }

  @Required
  @Size(max = 316)
  @Pattern(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
  @JsonPropertyDescription("Kind of condition in CamelCase, e.g. Ready.")
  @JsonProperty
  private String type;

  @Required
  @JsonPropertyDescription("Whether the condition holds: True, False or Unknown.")
  @JsonProperty
  private Status status;

  @Min(0)
  @JsonPropertyDescription("The metadata.generation the condition was computed from.")
  @JsonProperty
  private Long observedGeneration;

  @Required
  @JsonPropertyDescription("When the condition last changed status (RFC 3339).")
  @JsonProperty
  private String lastTransitionTime;

  @Required
  @Size(min = 1, max = 1024)
  @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
  @JsonPropertyDescription(
      "Why the condition last changed, in CamelCase, e.g. TokenValid, TokenRejected, Sealed.")
  @JsonProperty
  private String reason;

  @Required
  @Size(max = 32768)
  @JsonPropertyDescription("Human-readable details of the last change; may be empty.")
  @JsonProperty
  private String message;

  private ConditionSchema() {}
}
