package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'openbao' || has(self.openbao)",
    fieldPath = ".openbao",
    reason = "FieldValueRequired",
    message =
        "required when spec.type is openbao: add spec.openbao with address and auth, or use"
            + " type kubernetes")
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretBackendSpec {

  @Required
  @SchemaFrom(type = BackendType.class)
  @JsonPropertyDescription(
      "Where the namespace's MCP secrets live: 'kubernetes' (plain Secrets) or 'openbao' (an"
          + " OpenBao or Vault KV v2 mount reached with a periodic token).")
  private String type;

  @JsonProperty("default")
  @JsonPropertyDescription(
      "Whether this backend is the namespace's default. At most one per namespace; with none,"
          + " MCP secrets go to the built-in kubernetes store.")
  private Boolean isDefault;

  @JsonPropertyDescription("OpenBao connection and credential; required when type is openbao.")
  private OpenBaoSpec openbao;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  @JsonIgnore
  public Optional<BackendType> backendType() {
    return BackendType.fromWireName(type);
  }

  @JsonProperty("default")
  public Boolean getDefault() {
    return isDefault;
  }

  @JsonProperty("default")
  public void setDefault(Boolean isDefault) {
    this.isDefault = isDefault;
  }

  @JsonIgnore
  public boolean isDefaultBackend() {
    return Boolean.TRUE.equals(isDefault);
  }

  public OpenBaoSpec getOpenbao() {
    return openbao;
  }

  public void setOpenbao(OpenBaoSpec openbao) {
    this.openbao = openbao;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBackendSpec that
        && Objects.equals(type, that.type)
        && Objects.equals(isDefault, that.isDefault)
        && Objects.equals(openbao, that.openbao);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, isDefault, openbao);
  }
}
