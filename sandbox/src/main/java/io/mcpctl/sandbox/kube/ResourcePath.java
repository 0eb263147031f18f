package io.mcpctl.sandbox.kube;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource URL split the way the API server routes it: {@code /api/v1/namespaces/NS/secrets/NAME}
 * or {@code /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]}.
 *
 * @param namespace null for cluster-scoped paths and for lists across all namespaces
 * @param name null for collections
 * @param subresource null unless the path names one, e.g. {@code status}
 */
record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  private static final List<String> NAMESPACE_SUBRESOURCES = List.of("status", "finalize");

  static Optional<ResourcePath> parse(String path) {
    List<String> segments =
        Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      return parseRest("", segments.get(1), segments.subList(2, segments.size()));
    }
    if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      return parseRest(segments.get(1), segments.get(2), segments.subList(3, segments.size()));
    }
    return Optional.empty();
  }

  private static Optional<ResourcePath> parseRest(String group, String version, List<String> rest) {
    boolean namespaceSubresource =
        group.isEmpty()
            && rest.size() == 3
            && rest.get(0).equals("namespaces")
            && NAMESPACE_SUBRESOURCES.contains(rest.get(2));
    if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !namespaceSubresource) {
      if (rest.size() > 5) {
        return Optional.empty();
      }
      return Optional.of(
          new ResourcePath(group, version, rest.get(1), rest.get(2), at(rest, 3), at(rest, 4)));
    }
    if (rest.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourcePath(group, version, null, rest.get(0), at(rest, 1), at(rest, 2)));
  }

  private static String at(List<String> segments, int index) {
    return index < segments.size() ? segments.get(index) : null;
  }

  boolean isCollection() {
    return name == null;
  }

  ResourcePath withName(String newName) {
    return new ResourcePath(group, version, namespace, plural, newName, null);
  }

  ResourcePath withoutSubresource() {
    return new ResourcePath(group, version, namespace, plural, name, null);
  }

  ResourcePath collection() {
    return new ResourcePath(group, version, namespace, plural, null, null);
  }

  /** The URL path, without a query. */
  String toUrlPath() {
    StringBuilder url = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    url.append(version);
    if (namespace != null) {
      url.append("/namespaces/").append(namespace);
    }
    url.append('/').append(plural);
    if (name != null) {
      url.append('/').append(name);
    }
    if (subresource != null) {
      url.append('/').append(subresource);
    }
    return url.toString();
  }
}
