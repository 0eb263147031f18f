package io.mcpctl.sandbox.kube.rbac;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every distinct kind of request each user made and the API's verdict, without object names, so
 * that it stays small however long the API runs: what a least-privilege claim is checked against.
 */
public final class AccessLog {

  /**
   * One kind of request by one user.
   *
   * @param resource {@code resource/subresource}, or the URL path of a non-resource request
   * @param namespace empty for cluster-scoped requests and requests across all namespaces
   */
  public record Use(
      String user,
      String verb,
      String apiGroup,
      String resource,
      Optional<String> namespace,
      boolean allowed) {

    static Use of(String user, AccessRequest access, boolean allowed) {
      return new Use(
          user,
          access.verb(),
          access.apiGroup(),
          access.isResourceRequest() ? access.combinedResource() : access.path(),
          access.namespace(),
          allowed);
    }

    /** {@code verb group/resource [-n ns] allowed|DENIED}, one line for logs and files. */
    @Override
    public String toString() {
      return user
          + "\t"
          + verb
          + "\t"
          + (apiGroup.isEmpty() ? "core" : apiGroup)
          + "\t"
          + resource
          + "\t"
          + namespace.orElse("*")
          + "\t"
          + (allowed ? "allowed" : "DENIED");
    }
  }

  private final Set<Use> uses = ConcurrentHashMap.newKeySet();
  private final List<Consumer<Use>> listeners = new CopyOnWriteArrayList<>();

  public void record(String user, AccessRequest access, boolean allowed) {
    Use use = Use.of(user, access, allowed);
    if (uses.add(use)) {
      listeners.forEach(listener -> listener.accept(use));
    }
  }

  /** Every kind of request {@code user} has made so far. */
  public Set<Use> usesBy(String user) {
    return uses.stream()
        .filter(use -> use.user().equals(user))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Told of each kind of request the first time it is made. */
  public void onFirstUse(Consumer<Use> listener) {
    listeners.add(listener);
  }
}
