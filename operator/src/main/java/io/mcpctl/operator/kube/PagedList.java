package io.mcpctl.operator.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A namespaced list read a page at a time ({@code limit} and {@code continue}, as kubectl reads
 * one), each item as plain JSON maps: only one page is ever held, and no fabric8 model is bound.
 * Requests go through fabric8's raw GET, so its credentials, interceptors (the request counter) and
 * errors apply.
 */
final class PagedList {

  /** kubectl's default {@code --chunk-size}. */
  static final int PAGE_SIZE = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PagedList() {}

  /**
   * Hands each item of {@code collection} to {@code each}, in the API's order.
   *
   * @param collection the list's path, such as {@code /api/v1/namespaces/NS/pods}
   * @param what the list in words, for the one error this class raises itself
   * @throws KubernetesClientException when the API refuses or answers with no list
   */
  static void forEach(
      KubernetesClient client,
      String collection,
      String what,
      int pageSize,
      Consumer<Map<String, Object>> each) {
    Optional<String> next = Optional.empty();
    do {
      String body =
          client.raw(
              collection
                  + "?limit="
                  + pageSize
                  + next.map(
                          token -> "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                      .orElse(""));
      if (body == null) {
        return;
      }
      Page page;
      try {
        page = JSON.readValue(body, Page.class);
      } catch (JsonProcessingException unreadable) {
        // Named, never quoted: a pod's spec may hold secret values.
        throw new KubernetesClientException("The API answered " + what + " with no list.");
      }
      if (page.items() != null) {
        page.items().forEach(each);
      }
      next =
          Optional.ofNullable(page.metadata())
              .map(ListMeta::continueToken)
              .filter(token -> !token.isEmpty());
    } while (next.isPresent());
  }

  /** The parts of a list read here: its items, and the token of the next page. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Page(List<Map<String, Object>> items, ListMeta metadata) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record ListMeta(@JsonProperty("continue") String continueToken) {}
}
