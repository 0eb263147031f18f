package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list in pages, as the API server serves {@code limit} and {@code continue}: items in key order
 * (namespace, then name), at most {@code limit} of them, and a continue token while more remain.
 * The token has the real one's shape (base64 of {@code {"v","rv","start"}}), so clients treat it as
 * opaque either way. Unlike the real server, a later page is cut from the objects as they are then,
 * not from a snapshot of the first page's version, and a token never expires (no 410): the store
 * keeps no old versions to serve from.
 */
final class ListPages {

  /** One page: its items, and the token of the next page while more remain. */
  record Page(List<ObjectNode> items, Optional<String> continueToken, long remainingItemCount) {}

  private ListPages() {}

  /**
   * @param limit the request's {@code limit}, or null
   * @param continueToken the request's {@code continue}, or null
   * @throws ApiError 400 for a limit that is no number or a token this server did not hand out
   */
  static Page of(
      List<ObjectNode> items, String resourceVersion, String limit, String continueToken) {
    long pageSize = pageSize(limit);
    Optional<String> start = Optional.ofNullable(continueToken).filter(t -> !t.isEmpty());
    if (pageSize == 0 && start.isEmpty()) {
      return new Page(items, Optional.empty(), 0);
    }
    String from = start.map(ListPages::startKey).orElse("");
    // Each item's key once: a large collection read a page at a time is sorted for every page.
    List<ObjectNode> remaining =
        items.stream()
            .map(item -> Map.entry(key(item), item))
            .filter(keyed -> keyed.getKey().compareTo(from) >= 0)
            .sorted(Map.Entry.comparingByKey())
            .map(Map.Entry::getValue)
            .toList();
    if (pageSize == 0 || remaining.size() <= pageSize) {
      return new Page(remaining, Optional.empty(), 0);
    }
    List<ObjectNode> page = remaining.subList(0, (int) pageSize);
    String next = key(page.get(page.size() - 1)) + "\u0000";
    return new Page(page, Optional.of(token(resourceVersion, next)), remaining.size() - pageSize);
  }

  private static long pageSize(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(limit));
    } catch (NumberFormatException notANumber) {
      throw ApiError.badRequest("limit: Invalid value: \"" + limit + "\": must be an integer");
    }
  }

  private static String key(ObjectNode item) {
    return Json.text(item, "metadata.namespace").orElse("")
        + "/"
        + Json.text(item, "metadata.name").orElse("");
  }

  private static String token(String resourceVersion, String start) {
    ObjectNode token = Json.object().put("v", "meta.k8s.io/v1");
    try {
      token.put("rv", Long.parseLong(resourceVersion));
    } catch (NumberFormatException notANumber) {
      token.put("rv", resourceVersion);
    }
    token.put("start", start);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Json.write(token).getBytes(StandardCharsets.UTF_8));
  }

  private static String startKey(String continueToken) {
    try {
      JsonNode token =
          Json.parseObject(
              new String(Base64.getUrlDecoder().decode(continueToken), StandardCharsets.UTF_8));
      JsonNode start = token.path("start");
      if ("meta.k8s.io/v1".equals(token.path("v").asText()) && start.isTextual()) {
        return start.asText();
      }
    } catch (IllegalArgumentException | ApiError unreadable) {
      // Answered below, as the real server answers a token it cannot read.
    }
    throw ApiError.badRequest("continue key is not valid: the continue token cannot be read");
  }
}
