package io.mcpctl.cli.migrate;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.Revision;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.StoredSecret;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real store that dies at one chosen call, as the process running a migration would when killed:
 * just before the call reaches the backend, or just after the backend did it but before the answer
 * was used (a lost answer). Calls are counted across every store sharing the counter, so one number
 * names one point in the whole migration.
 */
final class InterruptingStore implements SecretStore {

  /** Whether the chosen call still happens before the process dies. */
  enum When {
    BEFORE,
    AFTER
  }

  /** Thrown where the process dies; not a store failure, so the migration cannot catch it. */
  static final class Killed extends RuntimeException {
    Killed(int call, When when) {
      super("killed " + when.name().toLowerCase() + " call " + call, null, false, false);
    }
  }

  private final SecretStore delegate;
  private final AtomicInteger calls;
  private final int killAt;
  private final When when;

  /**
   * @param killAt the call (1-based, across the shared counter) at which to die; 0 never dies
   */
  InterruptingStore(SecretStore delegate, AtomicInteger calls, int killAt, When when) {
    this.delegate = delegate;
    this.calls = calls;
    this.killAt = killAt;
    this.when = when;
  }

  @Override
  public String backendName() {
    return delegate.backendName();
  }

  @Override
  public BackendType type() {
    return delegate.type();
  }

  @Override
  public String namespace() {
    return delegate.namespace();
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public boolean supportsLabelSelectors() {
    return delegate.supportsLabelSelectors();
  }

  @Override
  public List<String> names() {
    return call(delegate::names);
  }

  @Override
  public List<String> namesMatching(String labelSelector) {
    return call(() -> delegate.namesMatching(labelSelector));
  }

  @Override
  public Optional<StoredSecret> read(String name) {
    return call(() -> delegate.read(name));
  }

  @Override
  public Revision create(McpSecret secret) {
    return call(() -> delegate.create(secret));
  }

  @Override
  public Revision update(McpSecret secret, Revision expected) {
    return call(() -> delegate.update(secret, expected));
  }

  @Override
  public boolean delete(String name, Revision expected) {
    return call(() -> delegate.delete(name, expected));
  }

  private <T> T call(Supplier<T> operation) {
    int number = calls.incrementAndGet();
    if (number == killAt && when == When.BEFORE) {
      throw new Killed(number, when);
    }
    T result = operation.get();
    if (number == killAt) {
      throw new Killed(number, when);
    }
    return result;
  }
}
