package io.mcpctl.sandbox.openbao.logical;

import java.util.List;
import java.util.Map;

/**
 * An API request as the transport hands it over: the method, the path after {@code /v1/}, the query
 * parameters, the token (from {@code X-Vault-Token} or {@code Authorization: Bearer}), the {@code
 * X-Vault-Namespace} header (null when absent), the content type and the body.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    String token,
    String namespace,
    String contentType,
    byte[] body) {

  public String queryValue(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean hasQuery(String name) {
    return query.containsKey(name);
  }

  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }
}
