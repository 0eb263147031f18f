package io.mcpctl.cli.rotate;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.ConsumerListing;
import io.mcpctl.cli.common.KubernetesErrors;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.time.GoDuration;
import io.mcpctl.time.Rfc3339;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl rotate secretbackend NAME | --all | -l SELECTOR}: sets the rotate
 * annotation and, unless told not to, waits until the operator has acted on that value. The
 * operator rotates; this command never talks to OpenBao.
 */
@Command(
    name = "secretbackend",
    aliases = {"secretbackends", "sb"},
    mixinStandardHelpOptions = true,
    description = {
      "Ask the operator to rotate a SecretBackend's token now, and wait for the outcome.",
      "Sets the mcpctl.io/rotate-requested-at annotation to the current time; the operator acts"
          + " once per value and records it in status.tokenMeta.handledRotateRequest. Never"
          + " talks to OpenBao.",
      ""
    })
public final class RotateSecretBackendCommand implements Runnable {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NAME",
      description = "The SecretBackend to rotate (or use --all or -l).")
  String name;

  @Option(names = "--all", description = "Rotate every rotatable SecretBackend in the namespace.")
  boolean all;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Rotate the SecretBackends matching this label selector, e.g. team=a.")
  String selector;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "With --all or -l: look in every namespace.")
  boolean allNamespaces;

  @Option(names = "--dry-run", description = "Show what would be rotated; change nothing.")
  boolean dryRun;

  @Option(
      names = "--revoke-previous",
      description =
          "The response to a leaked token: rotate now, even inside a grace period or while pods"
              + " hold the previous token, and revoke the replaced token and any previous one at"
              + " once. Prints the pods that held them (they fail until restarted).")
  boolean revokePrevious;

  @Option(names = "--no-wait", description = "Set the annotation and return without waiting.")
  boolean noWait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "How long to wait for the operator (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public void run() {
    Duration waitFor = validate();
    PluginRoot root = PluginRoot.of(spec);
    Clock clock = root.context().clock();
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = root.kube().connect()) {
      List<SecretBackend> targets = rotatable(targets(cluster), out);
      if (targets.isEmpty()) {
        out.flush();
        return;
      }
      List<RotationRequest> requests = new ArrayList<>();
      int notRequested = 0;
      for (SecretBackend backend : targets) {
        RotationRequest request = RotationRequest.at(backend, clock.instant(), revokePrevious);
        if (dryRun) {
          out.println(label(backend) + " would be asked to rotate (dry run)");
          continue;
        }
        // One backend refused (RBAC in its namespace) or deleted since the list does not keep
        // the others from being asked.
        try {
          request.send(cluster.client());
        } catch (KubernetesClientException refused) {
          if (name != null) {
            throw refused;
          }
          out.println(label(backend) + " rotation not requested: " + whyNotSent(refused));
          notRequested++;
          continue;
        }
        out.println(label(backend) + " rotation requested (" + request.annotation() + ")");
        request
            .waitsFor()
            .ifPresent(wait -> out.println(label(backend) + ": the operator waits: " + wait));
        requests.add(request);
      }
      out.flush();
      if (dryRun) {
        return;
      }
      int failed = notRequested;
      if (!noWait && !requests.isEmpty()) {
        failed +=
            new RotationWaiter(cluster.client(), clock).await(requests, waitFor, out, this::label);
        if (revokePrevious) {
          for (RotationRequest request : requests) {
            reportBrokenConsumers(cluster, request.backend(), out);
          }
        }
      }
      if (failed > 0) {
        throw new CliException(
            failed
                + " of "
                + targets.size()
                + (targets.size() == 1 ? " rotation" : " rotations")
                + " did not succeed; see the lines above and 'kubectl mcpctl describe"
                + " secretbackend NAME'.");
      }
    }
  }

  private static String whyNotSent(KubernetesClientException refused) {
    return refused.getCode() == 404
        ? "it was deleted since it was listed."
        : KubernetesErrors.sentence(refused);
  }

  /** After a leak response: the pods that held a revoked token and fail until restarted. */
  private void reportBrokenConsumers(Cluster cluster, SecretBackend requested, PrintWriter out) {
    SecretBackend backend =
        cluster
            .client()
            .resources(SecretBackend.class)
            .inNamespace(requested.getMetadata().getNamespace())
            .withName(requested.getMetadata().getName())
            .get();
    if (backend == null
        || backend.getStatus() == null
        || backend.getStatus().getTokenMeta() == null) {
      return;
    }
    Optional<Instant> switched =
        Rfc3339.parse(backend.getStatus().getTokenMeta().getLastRotationAt());
    Optional<List<TokenConsumer>> consumers = ConsumerListing.of(cluster.reads(), backend);
    if (switched.isEmpty() || consumers.isEmpty()) {
      out.println(label(backend) + ": could not list the pods that read the token (not permitted)");
      return;
    }
    List<String> broken =
        consumers.get().stream()
            .filter(consumer -> consumer.holdsTokenFrom(switched.get()))
            .map(
                consumer ->
                    consumer.pod() + "/" + consumer.container() + " (" + consumer.mode() + ")")
            .toList();
    out.println(
        label(backend)
            + (broken.isEmpty()
                ? ": the previous tokens are revoked; no pod held one"
                : ": the previous tokens are revoked; these pods held one and fail until"
                    + " restarted: "
                    + String.join(", ", broken)));
  }

  private Duration validate() {
    int chosen = (name != null ? 1 : 0) + (all ? 1 : 0) + (selector != null ? 1 : 0);
    if (chosen != 1) {
      throw new ParameterException(
          spec.commandLine(), "Name one SecretBackend, or pass --all or -l SELECTOR (exactly one)");
    }
    // An empty selector (an unset shell variable) would select everything, as --all does; with -A
    // and --revoke-previous that revokes tokens in every namespace.
    if (selector != null && selector.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "-l needs a label selector such as team=a, not an empty one, which would select every"
              + " SecretBackend; pass --all to mean that");
    }
    if (name != null && name.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "The SecretBackend's name is empty; name one, or pass --all or -l");
    }
    if (allNamespaces && name != null) {
      throw new ParameterException(
          spec.commandLine(),
          "-A works with --all or -l, not with a NAME; add -n NAMESPACE instead");
    }
    try {
      Duration parsed = GoDuration.parse(timeout);
      if (parsed.isNegative() || parsed.isZero()) {
        throw new IllegalArgumentException("--timeout must be positive, such as 60s or 2m.");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --timeout: " + e.getMessage());
    }
  }

  private List<SecretBackend> targets(Cluster cluster) {
    MixedOperation<SecretBackend, KubernetesResourceList<SecretBackend>, Resource<SecretBackend>>
        backends = cluster.client().resources(SecretBackend.class);
    if (name != null) {
      SecretBackend backend = backends.inNamespace(cluster.namespace()).withName(name).get();
      if (backend == null) {
        throw Commands.notFound(name, cluster.namespace());
      }
      return List.of(backend);
    }
    var scope =
        allNamespaces ? backends.inAnyNamespace() : backends.inNamespace(cluster.namespace());
    List<SecretBackend> found =
        selector != null
            ? scope.withLabelSelector(selector).list().getItems()
            : scope.list().getItems();
    if (found.isEmpty()) {
      spec.commandLine()
          .getOut()
          .println(
              "No SecretBackends found"
                  + (allNamespaces ? "" : " in namespace " + cluster.namespace())
                  + (selector != null ? " matching " + selector : "")
                  + ".");
    }
    return found;
  }

  /** Backends without a rotated token have nothing to rotate; a named one is an error. */
  private List<SecretBackend> rotatable(List<SecretBackend> backends, PrintWriter out) {
    List<SecretBackend> rotatable = new ArrayList<>();
    for (SecretBackend backend : backends) {
      if (TokenHealthEvaluator.isRotatable(backend)) {
        rotatable.add(backend);
      } else if (name != null) {
        throw new CliException(
            "SecretBackend "
                + name
                + " has no rotated token (type "
                + backend.getSpec().getType()
                + ", rotation off); nothing to rotate, re-run the wizard to turn rotation on.");
      } else {
        out.println(label(backend) + " skipped: no rotated token (rotation is off)");
      }
    }
    return rotatable;
  }

  String label(SecretBackend backend) {
    return allNamespaces
        ? "secretbackend/"
            + backend.getMetadata().getName()
            + " (namespace "
            + backend.getMetadata().getNamespace()
            + ")"
        : "secretbackend/" + backend.getMetadata().getName();
  }
}
