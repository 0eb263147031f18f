package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a command that only reads works with: the API and the namespace it works in. */
public record ClusterReads(KubeApi api, String namespace) implements AutoCloseable {

  /**
   * The object {@code name} of a namespaced resource, such as {@code /apis/mcpctl.io/v1alpha1} and
   * {@code secretbackends}, in this namespace; empty when absent.
   */
  public Optional<JsonNode> object(String groupVersionPath, String plural, String name) {
    return api.get(collection(groupVersionPath, plural) + "/" + segment(name));
  }

  /** The list of a namespaced resource in this namespace, filtered by {@code fieldSelector}. */
  public JsonNode list(String groupVersionPath, String plural, String fieldSelector) {
    String query = fieldSelector == null ? "" : "?fieldSelector=" + encoded(fieldSelector);
    return api.get(collection(groupVersionPath, plural) + query)
        .orElseThrow(() -> KubeStatus.failure(404, null));
  }

  private String collection(String groupVersionPath, String plural) {
    return groupVersionPath + "/namespaces/" + segment(namespace) + "/" + plural;
  }

  /**
   * A name as one path segment: whatever the user typed stays a name and cannot turn into another
   * path or a query.
   */
  private static String segment(String name) {
    return encoded(name).replace("+", "%20");
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    api.close();
  }
}
