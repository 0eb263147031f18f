package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

  @JsonPropertyDescription(
      "Secret key holding the PEM CA bundle that signs the OpenBao server certificate.")
  private SecretKeyRef caSecretRef;

  @JsonPropertyDescription(
      "Skip TLS certificate verification. Only for testing: anyone on the path can read the token.")
  private Boolean insecureSkipVerify;

  public SecretKeyRef getCaSecretRef() {
    return caSecretRef;
  }

  public void setCaSecretRef(SecretKeyRef caSecretRef) {
    this.caSecretRef = caSecretRef;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }

  @JsonIgnore
  public boolean skipsVerification() {
    return Boolean.TRUE.equals(insecureSkipVerify);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsSpec that
        && Objects.equals(caSecretRef, that.caSecretRef)
        && Objects.equals(insecureSkipVerify, that.insecureSkipVerify);
  }

  @Override
  public int hashCode() {
    return Objects.hash(caSecretRef, insecureSkipVerify);
  }
}
