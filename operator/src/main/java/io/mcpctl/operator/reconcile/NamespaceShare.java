package io.mcpctl.operator.reconcile;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many reconciles of one namespace may wait on its OpenBao at once, outside rotations (which
 * the {@link io.mcpctl.operator.rotation.RotationLimiter} paces): a check, a revocation, a staged
 * token's recovery, a deletion's revocations. Each may wait for up to the request timeout on one of
 * the reconcile threads every namespace shares, and a namespace pointing many backends at a server
 * that never answers would otherwise hold all of them.
 */
public final class NamespaceShare {

  /**
   * A quarter of JOSDK's 50 reconcile threads, and twice the rotation slots a namespace may take.
   */
  public static final int DEFAULT_PER_NAMESPACE = 12;

  /** A reconcile under way; closing it frees its place. */
  public interface Entered extends AutoCloseable {
    @Override
    void close();
  }

  private final int perNamespace;
  private final Map<String, Integer> running = new HashMap<>();

  public NamespaceShare(int perNamespace) {
    if (perNamespace < 1) {
      throw new IllegalArgumentException("At least one reconcile per namespace must be allowed.");
    }
    this.perNamespace = perNamespace;
  }

  /** A place for a reconcile of {@code namespace}, or empty when it has all it may have. */
  public synchronized Optional<Entered> tryEnter(String namespace) {
    int now = running.getOrDefault(namespace, 0);
    if (now >= perNamespace) {
      return Optional.empty();
    }
    running.put(namespace, now + 1);
    return Optional.of(new Place(namespace));
  }

  private synchronized void leave(String namespace) {
    running.computeIfPresent(namespace, (key, count) -> count == 1 ? null : count - 1);
  }

  private final class Place implements Entered {
    private final String namespace;
    private boolean closed;

    Place(String namespace) {
      this.namespace = namespace;
    }

    @Override
    public void close() {
      synchronized (NamespaceShare.this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      leave(namespace);
    }
  }
}
