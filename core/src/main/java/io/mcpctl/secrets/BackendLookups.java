package io.mcpctl.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * The reads of {@link SecretStores} and {@link KubernetesSecretStore}: the namespace's
 * SecretBackends and its Secrets, one by name or all by label. Through a fabric8 client here; the
 * plugin reads them without one.
 */
public interface BackendLookups {

  /** The SecretBackends of {@code namespace}; none when the CRD is not installed. */
  List<SecretBackend> backends(String namespace);

  /** The Secret {@code name} of {@code namespace}; empty when there is none. */
  Optional<Secret> secret(String namespace, String name);

  /**
   * The Secrets of {@code namespace} that match {@code labelSelector}.
   *
   * @throws KubernetesClientException with code 400 when the API refuses the selector
   */
  List<Secret> secrets(String namespace, String labelSelector);

  /** Both reads through {@code client}. */
  static BackendLookups of(KubernetesClient client) {
    return new BackendLookups() {
      @Override
      public List<SecretBackend> backends(String namespace) {
        try {
          return client.resources(SecretBackend.class).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
          if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
            return List.of();
          }
          throw e;
        }
      }

      @Override
      public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
      }

      @Override
      public List<Secret> secrets(String namespace, String labelSelector) {
        return client
            .secrets()
            .inNamespace(namespace)
            .withLabelSelector(labelSelector)
            .list()
            .getItems();
      }
    };
  }
}
