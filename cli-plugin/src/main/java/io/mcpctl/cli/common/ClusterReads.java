package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.openbao.OpenBaoPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The items of a namespaced resource in this namespace, filtered by {@code fieldSelector} (null:
   * all of them); none when the API does not know the resource (404, a CRD not installed), as
   * fabric8's lists of custom resources read it.
   */
  public List<JsonNode> list(String groupVersionPath, String plural, String fieldSelector) {
    return items(
        groupVersionPath,
        plural,
        fieldSelector == null ? "" : "?fieldSelector=" + encoded(fieldSelector));
  }

  /** As {@link #list}, for the items that match {@code labelSelector}. */
  public List<JsonNode> labelled(String groupVersionPath, String plural, String labelSelector) {
    return items(groupVersionPath, plural, "?labelSelector=" + encoded(labelSelector));
  }

  private List<JsonNode> items(String groupVersionPath, String plural, String query) {
    List<JsonNode> items = new ArrayList<>();
    api.get(collection(groupVersionPath, plural) + query)
        .ifPresent(found -> found.path("items").forEach(items::add));
    return items;
  }

  private String collection(String groupVersionPath, String plural) {
    return groupVersionPath + "/namespaces/" + segment(namespace) + "/" + plural;
  }

  /**
   * A name as one path segment: whatever the user typed stays a name and cannot turn into another
   * path or a query.
   */
  private static String segment(String name) {
    return OpenBaoPaths.encodeSegment(name);
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    api.close();
  }
}
