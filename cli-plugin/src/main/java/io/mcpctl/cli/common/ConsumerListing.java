package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods in a backend's namespace that read its token Secret, as the user may see them: the
 * namespace's pods a page at a time, and a ReplicaSet read per Deployment-owned pod (left
 * unresolved when not permitted).
 */
public final class ConsumerListing {

  private static final String APPS = "/apis/apps/v1";

  private ConsumerListing() {}

  /**
   * Empty when RBAC forbids listing pods: they are a hint, not the point of the command. Read in
   * the backend's namespace, which is the one {@code cluster} works in.
   */
  public static Optional<List<TokenConsumer>> of(ClusterReads cluster, SecretBackend backend) {
    SecretKeyRef tokenRef = backend.getSpec().getOpenbao().getAuth().getTokenSecretRef();
    ClusterReads inBackendNamespace =
        new ClusterReads(cluster.api(), backend.getMetadata().getNamespace());
    Map<String, Optional<Workload>> owners = new HashMap<>();
    List<TokenConsumer> consumers = new ArrayList<>();
    try {
      inBackendNamespace.forEachPod(
          pod ->
              consumers.addAll(
                  PodConsumers.of(
                      KubeJson.map(pod),
                      tokenRef.getName(),
                      tokenRef.getKey(),
                      replicaSet ->
                          owners.computeIfAbsent(
                              replicaSet, name -> deploymentOf(inBackendNamespace, name)))));
    } catch (KubernetesClientException forbidden) {
      if (forbidden.getCode() == 403) {
        return Optional.empty();
      }
      throw forbidden;
    }
    return Optional.of(List.copyOf(consumers));
  }

  /** The Deployment owning a ReplicaSet; empty when there is none or it may not be read. */
  private static Optional<Workload> deploymentOf(ClusterReads cluster, String replicaSet) {
    Optional<JsonNode> found;
    try {
      found = cluster.object(APPS, "replicasets", replicaSet);
    } catch (KubernetesClientException unreadable) {
      return Optional.empty();
    }
    return found.flatMap(object -> PodConsumers.deploymentOf(KubeJson.map(object)));
  }
}
