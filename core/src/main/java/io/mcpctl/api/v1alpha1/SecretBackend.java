package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Optional;

/** Where a namespace's MCP secrets live, and the OpenBao credential that reaches them. */
@Group(SecretBackend.GROUP)
@Version(SecretBackend.VERSION)
@Plural("secretbackends")
@Singular("secretbackend")
@ShortNames("sb")
@Categories("mcpctl")
@AdditionalPrinterColumn(name = "TYPE", jsonPath = ".spec.type")
@AdditionalPrinterColumn(
    name = "DEFAULT",
    jsonPath = ".spec.default",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
// A broken backend (an invalid spec, OpenBao sealed) must not look like a quiet one.
@AdditionalPrinterColumn(
    name = "READY",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "REASON",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "HEALTH", jsonPath = ".status.tokenMeta.health")
@AdditionalPrinterColumn(
    name = "LAST ROTATION",
    jsonPath = ".status.tokenMeta.lastRotationAt",
    type = AdditionalPrinterColumn.Type.DATE)
// A "date" column renders a future time as "<invalid>" in kubectl (it only prints ages),
// so the expiry is shown as the RFC 3339 time itself.
@AdditionalPrinterColumn(
    name = "EXPIRES",
    jsonPath = ".status.tokenMeta.expiresAt",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// Where an openbao backend lives, for kubectl get -o wide.
@AdditionalPrinterColumn(name = "ADDRESS", jsonPath = ".spec.openbao.address", priority = 1)
@AdditionalPrinterColumn(
    name = "OPENBAO NAMESPACE",
    jsonPath = ".spec.openbao.namespace",
    priority = 1)
public class SecretBackend extends CustomResource<SecretBackendSpec, SecretBackendStatus>
    implements Namespaced {

  public static final String GROUP = "mcpctl.io";
  public static final String VERSION = "v1alpha1";

  /** Setting this annotation to a new RFC 3339 time asks the operator to rotate now. */
  public static final String ROTATE_REQUESTED_AT_ANNOTATION = "mcpctl.io/rotate-requested-at";

  /**
   * Set to the same value as {@link #ROTATE_REQUESTED_AT_ANNOTATION}, asks that the rotation revoke
   * every previous token at once (the response to a leaked token), whatever still holds it.
   */
  public static final String REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION =
      "mcpctl.io/revoke-previous-requested-at";

  /** Label on the token Secret and on MCP secrets kept as Kubernetes Secrets. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY_VALUE = "mcpctl-operator";

  /** Label naming the backend an MCP secret kept as a Kubernetes Secret belongs to. */
  public static final String BACKEND_LABEL = "mcpctl.io/backend";

  /** The built-in kubernetes store used when a namespace has no default SecretBackend. */
  public static final String BUILT_IN_DEFAULT_BACKEND = "default";

  // Overridden only to give spec and status a description in the generated CRD.
  @Override
  @JsonPropertyDescription("Where this namespace's MCP secrets live and how they are reached.")
  public SecretBackendSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Observed state, written by the operator: conditions and facts about the token.")
  public SecretBackendStatus getStatus() {
    return super.getStatus();
  }

  /** The status condition of {@code type}, if the backend has a status that sets it. */
  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return getStatus() == null ? Optional.empty() : getStatus().condition(type);
  }
}
