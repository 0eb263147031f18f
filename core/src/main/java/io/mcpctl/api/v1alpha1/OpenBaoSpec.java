package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenBaoSpec {

  /**
   * A path of plain segments (letters, digits, '-', '_', '.', '~'), none of them '.' or '..', and
   * trailing slashes. An allow-list entry covers the paths under its own, so a path a gateway would
   * resolve or decode differently ("/team-a/../team-b", "%2e%2e", "..;") is refused.
   */
  public static final String ADDRESS_PATH_PATTERN =
      "(/([A-Za-z0-9._~-]*[A-Za-z0-9_~-][A-Za-z0-9._~-]*|[.]{3,}))*/*";

  /** An http or https URL with a host, an optional port (1 to 65535) and an optional path. */
  public static final String ADDRESS_PATTERN =
      "^https?://[^\\s/:?#@]+(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}"
          + "|655[0-2][0-9]|6553[0-5]))?"
          + ADDRESS_PATH_PATTERN
          + "$";

  @Required
  @Pattern(ADDRESS_PATTERN)
  @Size(max = FieldLimits.ADDRESS)
  @JsonPropertyDescription(
      "OpenBao address, an http or https URL such as https://bao.example.com:8200.")
  private String address;

  @Size(max = FieldLimits.OPENBAO_NAMESPACE)
  @JsonPropertyDescription(
      "OpenBao namespace sent as X-Vault-Namespace; empty or absent for the root namespace.")
  private String namespace;

  // Defaulting to an empty object lets the API server fill in the mount and prefix defaults.
  @Default("{}")
  @JsonPropertyDescription("The KV v2 mount and the path prefix under which MCP secrets live.")
  private KvSpec kv;

  @JsonPropertyDescription("How to trust the OpenBao server's TLS certificate.")
  private TlsSpec tls;

  @Required
  @JsonPropertyDescription("The token the backend uses and how it is rotated.")
  private AuthSpec auth;

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public KvSpec getKv() {
    return kv;
  }

  public void setKv(KvSpec kv) {
    this.kv = kv;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpenBaoSpec that
        && Objects.equals(address, that.address)
        && Objects.equals(namespace, that.namespace)
        && Objects.equals(kv, that.kv)
        && Objects.equals(tls, that.tls)
        && Objects.equals(auth, that.auth);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, namespace, kv, tls, auth);
  }
}
