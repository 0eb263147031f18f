package io.mcpctl.cli.common;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods in a backend's namespace that read its token Secret, as the user may see them: one pod
 * list, and a ReplicaSet read per Deployment-owned pod (left unresolved when not permitted).
 */
public final class ConsumerListing {

  private ConsumerListing() {}

  /** Empty when RBAC forbids listing pods: they are a hint, not the point of the command. */
  public static Optional<List<TokenConsumer>> of(Cluster cluster, SecretBackend backend) {
    SecretKeyRef tokenRef = backend.getSpec().getOpenbao().getAuth().getTokenSecretRef();
    String namespace = backend.getMetadata().getNamespace();
    Map<String, Optional<Workload>> owners = new HashMap<>();
    try {
      return Optional.of(
          cluster
              .client()
              .genericKubernetesResources("v1", "Pod")
              .inNamespace(namespace)
              .list()
              .getItems()
              .stream()
              .flatMap(
                  pod ->
                      PodConsumers.of(
                          asMap(pod),
                          tokenRef.getName(),
                          tokenRef.getKey(),
                          replicaSet ->
                              owners.computeIfAbsent(
                                  replicaSet, name -> deploymentOf(cluster, namespace, name)))
                          .stream())
              .toList());
    } catch (KubernetesClientException forbidden) {
      if (forbidden.getCode() == 403) {
        return Optional.empty();
      }
      throw forbidden;
    }
  }

  private static Map<String, Object> asMap(GenericKubernetesResource pod) {
    Map<String, Object> json = new HashMap<>(pod.getAdditionalProperties());
    json.put("metadata", Serialization.jsonMapper().convertValue(pod.getMetadata(), Map.class));
    return json;
  }

  /** The Deployment owning a ReplicaSet; empty when there is none or it may not be read. */
  private static Optional<Workload> deploymentOf(
      Cluster cluster, String namespace, String replicaSet) {
    try {
      GenericKubernetesResource found =
          cluster
              .client()
              .genericKubernetesResources("apps/v1", "ReplicaSet")
              .inNamespace(namespace)
              .withName(replicaSet)
              .get();
      if (found == null) {
        return Optional.empty();
      }
      return found.getMetadata().getOwnerReferences().stream()
          .filter(owner -> Boolean.TRUE.equals(owner.getController()))
          .filter(owner -> Workload.DEPLOYMENT.equals(owner.getKind()))
          .map(owner -> new Workload(Workload.DEPLOYMENT, owner.getName()))
          .findFirst();
    } catch (KubernetesClientException unreadable) {
      return Optional.empty();
    }
  }
}
