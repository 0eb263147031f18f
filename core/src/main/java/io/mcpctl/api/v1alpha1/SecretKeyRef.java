package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** A key of a Secret in the backend's own namespace. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  @Required
  @Size(max = FieldLimits.KUBERNETES_NAME)
  @JsonPropertyDescription("Name of the Secret, in the SecretBackend's namespace.")
  private String name;

  @Required
  @Size(max = FieldLimits.KUBERNETES_NAME)
  @JsonPropertyDescription("Key within the Secret.")
  private String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  /**
   * The value this ref points at, read from {@code secret} (the Secret it names, as read from the
   * API server): its {@link #getKey() key}, base64-decoded as UTF-8; empty when the Secret is
   * absent or has no such key.
   */
  public Optional<String> valueIn(Secret secret) {
    return value(secret, key);
  }

  /**
   * The value of {@code key} in {@code secret}, base64-decoded as UTF-8; empty when the Secret is
   * absent or has no such key.
   */
  public static Optional<String> value(Secret secret, String key) {
    return Optional.ofNullable(secret)
        .map(Secret::getData)
        .map(data -> data.get(key))
        .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKeyRef that
        && Objects.equals(name, that.name)
        && Objects.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key);
  }
}
