package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {

  public static final String DEFAULT_TOKEN_KEY = "token";

  @Required
  @JsonPropertyDescription(
      "Secret key holding the OpenBao token; the operator writes rotated tokens back to it.")
  private SecretKeyRef tokenSecretRef;

  @JsonPropertyDescription(
      "Rotation of the token. Absent or enabled=false: a static token, checked but never rotated.")
  private RotationSpec rotation;

  public SecretKeyRef getTokenSecretRef() {
    return tokenSecretRef;
  }

  public void setTokenSecretRef(SecretKeyRef tokenSecretRef) {
    this.tokenSecretRef = tokenSecretRef;
  }

  public RotationSpec getRotation() {
    return rotation;
  }

  public void setRotation(RotationSpec rotation) {
    this.rotation = rotation;
  }

  @JsonIgnore
  public boolean isRotationEnabled() {
    return rotation != null && rotation.isEnabled();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthSpec that
        && Objects.equals(tokenSecretRef, that.tokenSecretRef)
        && Objects.equals(rotation, that.rotation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tokenSecretRef, rotation);
  }
}
