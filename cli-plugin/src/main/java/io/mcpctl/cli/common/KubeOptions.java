package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.KubernetesClient;
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

  /**
   * Lets {@link #connect} take the client that {@code ahead} may have built already; the root
   * command calls it once picocli has made this mixin.
   */
  public void connectingAhead(ConnectionAhead ahead) {
    this.ahead = ahead;
  }

  /** Connects to the cluster these flags name; nothing is sent until the first request. */
  public Cluster connect() {
    KubernetesClient client =
        ahead
            .take(kubeconfig, context, KubernetesClient.class)
            .orElseGet(() -> KubeClients.client(kubeconfig, context));
    return new Cluster(client, namespace(client.getConfiguration().getNamespace()));
  }

  /**
   * For reading: the {@link KubeApi}, nothing sent until the first request. A fabric8 client built
   * ahead (for a command that also writes) is read through rather than thrown away.
   */
  public ClusterReads read() {
    KubeApi api =
        ahead
            .take(kubeconfig, context, AutoCloseable.class)
            .map(
                built ->
                    built instanceof KubernetesClient client
                        ? new ClientKubeApi(client)
                        : (KubeApi) built)
            .orElseGet(() -> KubeApis.open(kubeconfig, context));
    return new ClusterReads(api, namespace(api.configuredNamespace()));
  }

  /** fabric8's client beside {@code reads}, made from these flags only if it is asked for. */
  public LazyClient clientBeside(ClusterReads reads) {
    return new LazyClient(reads.api(), this::connect);
  }

  /**
   * The flag's namespace, else the context's, else default; an empty one counts as none, as kubectl
   * counts it ({@code namespace: ""} in a context, {@code -n ""} from an unset variable).
   */
  private String namespace(String configured) {
    if (given(namespace)) {
      return namespace;
    }
    return given(configured) ? configured : DEFAULT_NAMESPACE;
  }

  private static boolean given(String namespace) {
    return namespace != null && !namespace.isBlank();
  }
}
