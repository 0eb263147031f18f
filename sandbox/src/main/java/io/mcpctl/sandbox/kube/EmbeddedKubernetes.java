package io.mcpctl.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import io.mcpctl.sandbox.kube.rbac.Identities;
import io.mcpctl.sandbox.tls.ClientCertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * A Kubernetes API server in this JVM, on loopback over https, that real kubectl (v1.32) and
 * fabric8 clients both drive: discovery, OpenAPI, server-side tables, CRDs discoverable the moment
 * they are applied, custom resources defaulted and validated against their CRD schema (422 naming
 * the field), status subresources, optimistic concurrency (409), finalizers, and what a cluster's
 * controllers do on deletion (owned objects, a namespace's contents, a CRD's resources go too).
 * Informers watch over WebSocket.
 *
 * <p>Start with {@link #start()}; {@link #close()} stops it. Known differences from a real cluster:
 * watches over plain HTTP ({@code kubectl get --watch}) answer 410 Expired, which makes client-go
 * list again (so {@code kubectl delete} and {@code kubectl wait} still finish); server-side apply
 * is approximated for a single field manager; objects may be created in namespaces that do not
 * exist; no authentication, RBAC or admission webhooks.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  private static final String CONTEXT_NAME = "mcpctl-sandbox";

  /** Changes an HTTP watch may still resume from: far more than the demo makes in a minute. */
  private static final int WATCH_HISTORY = 10_000;

  private static final List<String> CLUSTER_NAMESPACES =
      List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private final EmbeddedHttpServer server;
  private final URI address;
  private final Identities identities;
  private final AccessLog accessLog;
  private final WorkloadEmulation workloads;
  private KubernetesClient client;

  private EmbeddedKubernetes(
      EmbeddedHttpServer server,
      URI address,
      Identities identities,
      AccessLog accessLog,
      WorkloadEmulation workloads) {
    this.workloads = workloads;
    this.server = server;
    this.address = address;
    this.identities = identities;
    this.accessLog = accessLog;
  }

  /** Starts on any free loopback port, with the system clock. */
  public static EmbeddedKubernetes start() {
    return start(0, Clock.systemUTC());
  }

  /**
   * @param port the loopback port to listen on; 0 picks a free one
   * @param clock the time for deletion timestamps, CRD conditions and the ages tables show
   */
  public static EmbeddedKubernetes start(int port, Clock clock) {
    return start(port, clock, WATCH_HISTORY);
  }

  /**
   * @param watchHistory how many changes an HTTP watch may resume from before it gets 410 Gone
   */
  static EmbeddedKubernetes start(int port, Clock clock, int watchHistory) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Port " + port + " is not a TCP port; pass 0 for any free port or a value up to 65535.");
    }
    Identities identities = new Identities();
    AccessLog accessLog = new AccessLog();
    EmbeddedApiDispatcher dispatcher =
        new EmbeddedApiDispatcher(clock, identities, accessLog, watchHistory);
    EmbeddedHttpServer server =
        EmbeddedHttpServer.start(
            InetAddress.getLoopbackAddress(), port, dispatcher, identities.clientCaPem());
    String hostAndPort = InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
    dispatcher.serverAddress(hostAndPort);
    for (String namespace : CLUSTER_NAMESPACES) {
      dispatcher.createInternally(
          "/api/v1/namespaces",
          Json.object()
              .put("apiVersion", "v1")
              .put("kind", "Namespace")
              .set("metadata", Json.object().put("name", namespace)));
    }
    WorkloadEmulation workloads =
        new WorkloadEmulation(
            dispatcher, clock, new ConsumerLoops(ConsumerLoops.Settings.defaults(), clock));
    return new EmbeddedKubernetes(
        server, URI.create("https://" + hostAndPort), identities, accessLog, workloads);
  }

  /** The https URL of the API server, e.g. {@code https://127.0.0.1:40123}. */
  public URI address() {
    return address;
  }

  /**
   * The self-signed certificate the API serves, for the name {@code localhost} (not the loopback
   * address): a kubeconfig that trusts it as its CA must name the server {@code
   * https://localhost:PORT}.
   */
  public String serverCertificatePem() {
    return server.certificatePem();
  }

  /** A fabric8 client for this server (namespace "default"), closed with the server. */
  public synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    }
    return client;
  }

  /** The configuration {@link #client()} uses, to build further clients. */
  public Config clientConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(address.toString())
        .withTrustCerts(true)
        .withDisableHostnameVerification(true)
        .withNamespace("default")
        .withHttp2Disable(true)
        .withOauthToken(identities.adminToken())
        .build();
  }

  /** What each user has asked of this API and whether RBAC allowed it. */
  public AccessLog accessLog() {
    return accessLog;
  }

  /**
   * A bearer token for {@code system:serviceaccount:NAMESPACE:NAME}, with the groups every
   * ServiceAccount has; what it may do is what the RBAC objects in this API grant it.
   */
  public String serviceAccountToken(String namespace, String name) {
    return identities.serviceAccountToken(namespace, name);
  }

  /**
   * Writes a kubeconfig for this server that kubectl and fabric8 both read: one context, the
   * "default" namespace, and {@code insecure-skip-tls-verify} because the certificate is a
   * self-signed one made at start for loopback.
   *
   * @return {@code file}
   */
  public Path writeKubeconfig(Path file) {
    return writeKubeconfig(file, identities.adminToken());
  }

  /** As {@link #writeKubeconfig(Path)}, for whoever {@code token} authenticates. */
  public Path writeKubeconfig(Path file, String token) {
    return writeKubeconfigFor(file, "token: " + token);
  }

  /**
   * A kubeconfig authenticating with a client certificate for {@code user} in {@code groups},
   * signed by the API's client CA, as kubeadm writes one for its administrator.
   */
  public Path writeKubeconfigWithClientCertificate(Path file, String user, List<String> groups) {
    ClientCertificateAuthority.ClientCredentials credentials =
        identities.clientCertificate(user, groups);
    Base64.Encoder base64 = Base64.getEncoder();
    return writeKubeconfigFor(
        file,
        "client-certificate-data: "
            + base64.encodeToString(credentials.certificatePem().getBytes(StandardCharsets.UTF_8))
            + "\n    client-key-data: "
            + base64.encodeToString(credentials.privateKeyPem().getBytes(StandardCharsets.UTF_8)));
  }

  private Path writeKubeconfigFor(Path file, String credentials) {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            insecure-skip-tls-verify: true
        users:
        - name: %1$s
          user:
            %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        preferences: {}
        """
            .formatted(CONTEXT_NAME, address, credentials);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, kubeconfig);
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the kubeconfig " + file, e);
    }
  }

  /**
   * The emulated applications that use a token from a Secret: requests made and failed, per
   * container, including pods a restart replaced.
   */
  public List<ConsumerLoops.Counts> consumers() {
    return workloads.consumers();
  }

  /** Waits until the workload emulation has acted on every change made so far. */
  public void awaitWorkloadsSettled() {
    workloads.awaitIdle();
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    workloads.close();
    server.close();
  }
}
