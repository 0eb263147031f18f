package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.openbao.OpenBaoPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What a command that only reads works with: the API and the namespace it works in. */
public record ClusterReads(KubeApi api, String namespace) implements AutoCloseable {

  /** kubectl's default {@code --chunk-size}. */
  static final int PAGE_SIZE = 500;

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

  /**
   * Hands each pod of this namespace to {@code each}, a page at a time, so that a crowded namespace
   * is never held whole.
   */
  public void forEachPod(Consumer<JsonNode> each) {
    forEach("/api/v1", "pods", "", each);
  }

  private List<JsonNode> items(String groupVersionPath, String plural, String query) {
    List<JsonNode> items = new ArrayList<>();
    forEach(groupVersionPath, plural, query, items::add);
    return items;
  }

  /** In pages of {@value #PAGE_SIZE} ({@code limit} and {@code continue}), as kubectl reads. */
  private void forEach(
      String groupVersionPath, String plural, String query, Consumer<JsonNode> each) {
    String first =
        collection(groupVersionPath, plural) + (query.isEmpty() ? "?" : query + "&") + "limit=";
    Optional<String> next = Optional.empty();
    do {
      Optional<JsonNode> page =
          api.get(first + PAGE_SIZE + next.map(token -> "&continue=" + encoded(token)).orElse(""));
      if (page.isEmpty()) {
        return;
      }
      page.get().path("items").forEach(each);
      next =
          Optional.of(page.get().path("metadata").path("continue").asText(""))
              .filter(token -> !token.isEmpty());
    } while (next.isPresent());
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
