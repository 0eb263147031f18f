package io.mcpctl.bench;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Names Kubernetes and OpenBao requests by their kind, without object names, for breakdowns. */
final class ApiPaths {

  private ApiPaths() {}

  /**
   * {@code PUT secrets}, {@code PATCH secretbackends/status}, {@code POST events}: the method and
   * the resource (with its subresource) of a namespaced Kubernetes path.
   */
  static String kubernetesKind(String method, String path) {
    String[] segments = path.split("/");
    for (int i = 0; i + 2 < segments.length; i++) {
      if (segments[i].equals("namespaces")) {
        String resource = segments[i + 2];
        String subresource = i + 4 < segments.length ? "/" + segments[i + 4] : "";
        return method + " " + resource + subresource;
      }
    }
    return method + " " + path;
  }

  /**
   * {@code POST /v1/secret/data/<prefix>/.mcpctl-healthcheck}: an OpenBao request with the
   * backend's own path prefix (under {@code sharedPrefix}) named generically.
   */
  static String openBaoKind(String method, String path, String sharedPrefix) {
    return method
        + " "
        + path.replaceFirst(
            "/" + java.util.regex.Pattern.quote(sharedPrefix) + "(/[^/]+)*/(?=[^/]+$)",
            "/<prefix>/");
  }

  /** The namespace of a namespaced Kubernetes path, or empty. */
  static String namespaceOf(String path) {
    String[] segments = path.split("/");
    for (int i = 0; i + 1 < segments.length; i++) {
      if (segments[i].equals("namespaces")) {
        return segments[i + 1];
      }
    }
    return "";
  }

  /** The object name of a namespaced Kubernetes object path, or empty for a collection. */
  static String objectNameOf(String path) {
    String[] segments = path.split("/");
    for (int i = 0; i + 3 < segments.length; i++) {
      if (segments[i].equals("namespaces")) {
        return segments[i + 3];
      }
    }
    return "";
  }

  /** "count × kind" lines, most frequent first, each count divided by {@code per}. */
  static <T> String breakdown(Collection<T> items, Function<T, String> kind, double per) {
    Map<String, Long> counts =
        items.stream().collect(Collectors.groupingBy(kind, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(entry -> Report.number(entry.getValue() / per) + " × " + entry.getKey())
        .collect(Collectors.joining(", "));
  }
}
