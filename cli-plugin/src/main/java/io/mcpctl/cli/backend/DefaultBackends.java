package io.mcpctl.cli.backend;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.common.Cluster;
import java.util.List;
import java.util.Optional;

/** The SecretBackends of a namespace, as read at the start of a create run. */
public final class DefaultBackends {

  private final List<SecretBackend> backends;

  private DefaultBackends(List<SecretBackend> backends) {
    this.backends = List.copyOf(backends);
  }

  public static DefaultBackends read(Cluster cluster) {
    return new DefaultBackends(
        cluster
            .client()
            .resources(SecretBackend.class)
            .inNamespace(cluster.namespace())
            .list()
            .getItems());
  }

  public Optional<SecretBackend> find(String name) {
    return backends.stream()
        .filter(backend -> name.equals(backend.getMetadata().getName()))
        .findFirst();
  }

  /**
   * The namespace's default other than {@code name}: a backend with {@code spec.default: true},
   * else the built-in kubernetes store {@code default}.
   */
  public String defaultOtherThan(String name) {
    return defaultsOtherThan(name).stream()
        .findFirst()
        .map(backend -> backend.getMetadata().getName())
        .orElse(SecretBackend.BUILT_IN_DEFAULT_BACKEND);
  }

  /** Demotes every default but {@code name}; returns the names demoted. */
  public List<String> demoteAllBut(String name, KubernetesChanges changes) {
    List<String> demoted =
        defaultsOtherThan(name).stream().map(backend -> backend.getMetadata().getName()).toList();
    demoted.forEach(other -> changes.setDefault(other, false));
    return demoted;
  }

  private List<SecretBackend> defaultsOtherThan(String name) {
    return backends.stream()
        .filter(backend -> !name.equals(backend.getMetadata().getName()))
        .filter(backend -> backend.getSpec() != null && backend.getSpec().isDefaultBackend())
        .toList();
  }
}
