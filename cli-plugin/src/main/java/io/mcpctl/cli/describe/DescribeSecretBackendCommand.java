package io.mcpctl.cli.describe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.consumer.PodConsumers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.consumer.Workload;
import io.mcpctl.health.TokenHealthEvaluator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl describe secretbackend NAME}: fetch the backend, its pods and events, build
 * the description for now, render it.
 */
@Command(
    name = "secretbackend",
    aliases = {"secretbackends", "sb"},
    mixinStandardHelpOptions = true,
    description = {
      "Show a SecretBackend: where its secrets live, whether it is Ready and, for a rotated"
          + " token, its health (HEALTHY, STALE, WARNING, ERROR) computed now, with the last"
          + " error, the pods that still hold the previous token, and recent events.",
      ""
    })
public final class DescribeSecretBackendCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "NAME", description = "The SecretBackend to describe.")
  String name;

  @Override
  public void run() {
    PluginRoot root = PluginRoot.of(spec);
    Instant now = root.context().clock().instant();
    SecretBackendDescription description;
    try (Cluster cluster = root.kube().connect()) {
      SecretBackend backend =
          cluster
              .client()
              .resources(SecretBackend.class)
              .inNamespace(cluster.namespace())
              .withName(name)
              .get();
      if (backend == null) {
        throw Commands.notFound(name, cluster.namespace());
      }
      Optional<List<TokenConsumer>> consumers =
          TokenHealthEvaluator.isRotatable(backend)
              ? consumers(cluster, backend)
              : Optional.of(List.of());
      description =
          new DescriptionBuilder(new TokenHealthEvaluator())
              .build(backend, consumers, events(cluster), now);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format()) {
      case json -> out.print(Renderers.json(description));
      case yaml -> out.print(Renderers.yaml(description));
      case text -> out.print(DescriptionText.render(description, now));
    }
    out.flush();
  }

  /** Empty when RBAC forbids listing pods: they are a hint, not the point of describe. */
  private static Optional<List<TokenConsumer>> consumers(Cluster cluster, SecretBackend backend) {
    SecretKeyRef tokenRef = backend.getSpec().getOpenbao().getAuth().getTokenSecretRef();
    Map<String, Optional<Workload>> owners = new HashMap<>();
    try {
      return Optional.of(
          cluster
              .client()
              .genericKubernetesResources("v1", "Pod")
              .inNamespace(cluster.namespace())
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
                                  replicaSet, name -> deploymentOf(cluster, name)))
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
  private static Optional<Workload> deploymentOf(Cluster cluster, String replicaSet) {
    try {
      GenericKubernetesResource found =
          cluster
              .client()
              .genericKubernetesResources("apps/v1", "ReplicaSet")
              .inNamespace(cluster.namespace())
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

  private List<Event> events(Cluster cluster) {
    KubernetesClient client = cluster.client();
    return client
        .v1()
        .events()
        .inNamespace(cluster.namespace())
        .withField("involvedObject.name", name)
        .withField("involvedObject.kind", "SecretBackend")
        .list()
        .getItems();
  }
}
