package io.mcpctl.cli.describe;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.common.ClusterReads;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.ConsumerListing;
import io.mcpctl.cli.common.KubeJson;
import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.health.TokenHealthEvaluator;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    try (ClusterReads cluster = root.kube().read()) {
      SecretBackend backend = Commands.backend(cluster, name);
      Optional<List<TokenConsumer>> consumers =
          TokenHealthEvaluator.isRotatable(backend)
              ? ConsumerListing.of(cluster, backend)
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

  private List<Event> events(ClusterReads cluster) {
    List<Event> events = new ArrayList<>();
    for (JsonNode event :
        cluster.list(
            "/api/v1",
            "events",
            "involvedObject.name="
                + name
                + ",involvedObject.kind="
                + HasMetadata.getKind(SecretBackend.class))) {
      events.add(KubeJson.bind(event, Event.class));
    }
    return events;
  }
}
