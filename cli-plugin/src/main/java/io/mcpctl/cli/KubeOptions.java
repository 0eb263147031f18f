package io.mcpctl.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl's global flags. They are inherited by every subcommand, because kubectl hands the plugin
 * its words in the order the user typed them: {@code kubectl mcpctl -n a describe sb x} and {@code
 * kubectl mcpctl describe sb x -n a} mean the same.
 */
public final class KubeOptions {

  static final String DEFAULT_NAMESPACE = "default";

  // A plugin is interactive: fail within seconds instead of fabric8's retry loop for servers.
  private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
  private static final int REQUEST_TIMEOUT_MILLIS = 30_000;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      scope = ScopeType.INHERIT,
      description = "Namespace to work in (default: the kubeconfig context's, else default).")
  String namespace;

  @Option(
      names = "--context",
      paramLabel = "CONTEXT",
      scope = ScopeType.INHERIT,
      description = "kubeconfig context to use (default: the current context).")
  String context;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  private ConnectionAhead ahead = ConnectionAhead.NONE;

  /** Lets {@link #connect} take the client that {@code ahead} may have built already. */
  void connectingAhead(ConnectionAhead ahead) {
    this.ahead = ahead;
  }

  /** Connects to the cluster these flags name; nothing is sent until the first request. */
  public Cluster connect() {
    KubernetesClient client =
        ahead.take(kubeconfig, context).orElseGet(() -> client(kubeconfig, context));
    String configured = client.getConfiguration().getNamespace();
    String effectiveNamespace =
        namespace != null ? namespace : configured != null ? configured : DEFAULT_NAMESPACE;
    return new Cluster(client, effectiveNamespace);
  }

  /** A client for {@code context} of {@code kubeconfig} (null: the defaults kubectl uses). */
  static KubernetesClient client(Path kubeconfig, String context) {
    Config config = KubeconfigLoader.load(kubeconfig, context);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
