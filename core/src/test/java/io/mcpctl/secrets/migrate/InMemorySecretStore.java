package io.mcpctl.secrets.migrate;

import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.Revision;
import io.mcpctl.secrets.SecretConflictException;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.StoredSecret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store in a map, with the check-and-set rules of the real ones: a counter issues revisions,
 * create fails on an existing name, update and delete fail unless the revision read is still
 * current. Labels are whole {@code key=value} pairs; selectors are one {@code key=value}.
 */
class InMemorySecretStore implements SecretStore {

  private final String backendName;
  private final BackendType type;
  private final Map<String, StoredSecret> secrets;
  private final Map<String, String> labels;
  private final AtomicLong revisions;
  private final String storage;

  InMemorySecretStore(String backendName, BackendType type) {
    this(backendName, type, new TreeMap<>(), new TreeMap<>(), new AtomicLong(), backendName);
  }

  private InMemorySecretStore(
      String backendName,
      BackendType type,
      Map<String, StoredSecret> secrets,
      Map<String, String> labels,
      AtomicLong revisions,
      String storage) {
    this.backendName = backendName;
    this.type = type;
    this.secrets = secrets;
    this.labels = labels;
    this.revisions = revisions;
    this.storage = storage;
  }

  /**
   * Another backend over this very store, as two OpenBao backends whose addresses name one server:
   * each write is stamped, and both read the same stamp.
   */
  InMemorySecretStore reachedAs(String otherBackendName) {
    return new InMemorySecretStore(otherBackendName, type, secrets, labels, revisions, storage);
  }

  /** Arranges a secret as if someone had written it, with one label (or none). */
  void put(McpSecret secret, String label) {
    write(secret);
    if (label != null) {
      labels.put(secret.name(), label);
    }
  }

  void put(McpSecret secret) {
    put(secret, null);
  }

  /** What the store holds, by name. */
  Map<String, McpSecret> contents() {
    Map<String, McpSecret> contents = new TreeMap<>();
    secrets.forEach((name, stored) -> contents.put(name, stored.secret()));
    return contents;
  }

  Revision revisionOf(String name) {
    return secrets.get(name).revision();
  }

  @Override
  public String backendName() {
    return backendName;
  }

  @Override
  public BackendType type() {
    return type;
  }

  @Override
  public String namespace() {
    return "team-a";
  }

  @Override
  public String location() {
    return "memory of " + backendName;
  }

  @Override
  public List<String> names() {
    return List.copyOf(secrets.keySet());
  }

  @Override
  public boolean supportsLabelSelectors() {
    return type == BackendType.KUBERNETES;
  }

  @Override
  public List<String> namesMatching(String labelSelector) {
    if (!supportsLabelSelectors()) {
      throw new UnsupportedOperationException("no labels here");
    }
    return secrets.keySet().stream().filter(n -> labelSelector.equals(labels.get(n))).toList();
  }

  @Override
  public Optional<StoredSecret> read(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  @Override
  public Revision create(McpSecret secret) {
    if (secrets.containsKey(secret.name())) {
      throw new SecretConflictException(secret.name() + " exists");
    }
    return write(secret);
  }

  @Override
  public Revision update(McpSecret secret, Revision expected) {
    StoredSecret current = secrets.get(secret.name());
    if (current == null || !current.revision().equals(expected)) {
      throw new SecretConflictException(secret.name() + " changed");
    }
    return write(secret);
  }

  @Override
  public boolean delete(String name, Revision expected) {
    StoredSecret current = secrets.get(name);
    if (current == null) {
      return false;
    }
    if (!current.revision().equals(expected)) {
      throw new SecretConflictException(name + " changed");
    }
    secrets.remove(name);
    labels.remove(name);
    return true;
  }

  private Revision write(McpSecret secret) {
    Revision revision = new Revision(Long.toString(revisions.incrementAndGet()));
    secrets.put(
        secret.name(),
        new StoredSecret(secret, revision, Optional.of(storage + " write " + revision.value())));
    return revision;
  }
}
