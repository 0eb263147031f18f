package io.mcpctl.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tls.CipherSuitePreference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link RequestFloor}: the requests one rotation makes (as the operator makes
 * them in the 1,000 catch-up, which has no grace period), for every backend of a fleet, without the
 * operator's logic, JOSDK or its reconciles; in a JVM with the operator image's flags. Prints one
 * line, {@code cpu-ms-per-rotation=… failed=… user-ms=… system-ms=…
 * context-switches-per-rotation=…}, counted from ready (clients built, backends listed) to the last
 * rotation; never a token.
 *
 * <p>Ways: {@code model} makes the API requests through fabric8's model as the operator does, and
 * {@code model-vertx} likewise over fabric8's Vert.x client; {@code tree} makes the same requests
 * through fabric8's JDK client with Jackson trees, and {@code vertx} likewise over its Vert.x
 * client; {@code jdk} through the JDK's client alone; {@code openbao} makes only the OpenBao
 * requests.
 */
final class RequestFloorDriver {

  private static final Duration PERIOD_PROBE = Duration.ofSeconds(1);

  private final String way;
  private final KubernetesClient client;
  private final SharedIndexInformer<SecretBackend> backends;
  private final OpenBaoClient openBao;
  private final String namespace;
  private final String role;
  private final String mount;
  private final String folder;
  private final Map<String, Map<String, String>> readAhead = new ConcurrentHashMap<>();

  /** Shared by every rotation, as a client's connections are. */
  private final TreeRotationRequests.Transport transport;

  private RequestFloorDriver(
      String way,
      KubernetesClient client,
      SharedIndexInformer<SecretBackend> backends,
      OpenBaoClient openBao,
      String namespace,
      String role,
      String mount,
      String folder) {
    this.way = way;
    this.client = client;
    this.backends = backends;
    this.openBao = openBao;
    this.namespace = namespace;
    this.role = role;
    this.mount = mount;
    this.folder = folder;
    this.transport =
        switch (way) {
          case "jdk" -> ApiTransports.jdk(client.getConfiguration());
          case "urlconnection" -> ApiTransports.urlConnection(client.getConfiguration());
          default -> ApiTransports.fabric8(client);
        };
  }

  /**
   * {@code way kubeconfig namespace namePrefix count concurrency openBaoAddress role mount folder}
   */
  public static void main(String[] args) throws Exception {
    String way = args[0];
    Config config = Config.fromKubeconfig(Files.readString(Path.of(args[1])));
    String namespace = args[2];
    String prefix = args[3];
    int count = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(httpClientFactory(way))
            .build();
    OpenBaoClient openBao = OpenBaoClient.connect(OpenBaoConnection.builder(args[6]).build());
    // The operator watches its backends, so each status patch reaches it as a watch event.
    // inform() returns once the first list is in.
    SharedIndexInformer<SecretBackend> backends =
        client.resources(SecretBackend.class).inNamespace(namespace).inform();
    RequestFloorDriver driver =
        new RequestFloorDriver(
            way, client, backends, openBao, namespace, args[7], args[8], args[9]);
    if (way.equals("openbao")) {
      driver.readAllTokenSecrets(prefix, count);
    }
    double ready = cpuSeconds();
    ProcessCounters countersAtReady = ProcessCounters.now();
    int failed = driver.rotateAll(prefix, count, concurrency);
    double used = cpuSeconds() - ready;
    String counters = ProcessCounters.now().perUnitSince(countersAtReady, count);
    backends.close();
    client.close();
    System.out.printf(
        Locale.ROOT,
        "cpu-ms-per-rotation=%.2f failed=%d %s%n",
        1000 * used / count,
        failed,
        counters);
    System.exit(0);
  }

  /** As the operator's client: fabric8 over the JDK's client, ChaCha20 offered first. */
  private static HttpClient.Factory httpClientFactory(String way) {
    if (way.contains("vertx")) {
      return new VertxHttpClientFactory();
    }
    return new JdkHttpClientFactory() {
      @Override
      protected void additionalConfig(java.net.http.HttpClient.Builder builder) {
        builder.sslParameters(CipherSuitePreference.chaChaFirst(List.of()));
      }
    };
  }

  private static double cpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
  }

  /** {@code concurrency} at a time, as the operator's limiter allows; the number that failed. */
  private int rotateAll(String prefix, int count, int concurrency) throws InterruptedException {
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    int failed = 0;
    try {
      List<Future<?>> rotations = new ArrayList<>();
      for (int index = 1; index <= count; index++) {
        String name = prefix + "-" + index;
        rotations.add(workers.submit(() -> rotate(name)));
      }
      for (Future<?> rotation : rotations) {
        try {
          rotation.get();
        } catch (ExecutionException failure) {
          if (failed++ == 0) {
            // The class and status only: fabric8's message may quote a request body, which holds
            // the Secret's tokens.
            Throwable cause = failure.getCause();
            System.err.println(
                "A rotation failed: "
                    + cause.getClass().getSimpleName()
                    + (cause instanceof KubernetesClientException api
                        ? " (HTTP " + api.getCode() + ")"
                        : ""));
          }
        }
      }
    } finally {
      workers.shutdown();
      workers.awaitTermination(1, TimeUnit.MINUTES);
    }
    return failed;
  }

  /** For the OpenBao-only way: the tokens, read before its CPU is counted. */
  private void readAllTokenSecrets(String prefix, int count) {
    for (int index = 1; index <= count; index++) {
      String secretName = prefix + "-" + index + "-token";
      readAhead.put(
          secretName, new ModelRotationRequests(client, backends, namespace).read(secretName));
    }
  }

  private RotationRequests requests() {
    String api = client.getMasterUrl().toString().replaceAll("/$", "");
    return switch (way) {
      case "tree", "vertx", "jdk", "urlconnection" ->
          new TreeRotationRequests(transport, api, namespace);
      default -> new ModelRotationRequests(client, backends, namespace);
    };
  }

  /**
   * The catch-up's rotation: read the Secret; record the mint; mint; stage; verify (renew-self, KV
   * round trip); switch; list the consumers; look up both tokens, revoke the previous; clear it;
   * patch the status; post the event.
   */
  private void rotate(String name) {
    boolean withApi = !way.equals("openbao");
    RotationRequests requests = requests();
    String secretName = name + "-token";
    Map<String, String> data = withApi ? requests.read(secretName) : readAhead.get(secretName);
    VaultToken current = VaultToken.of(data.get("token"));
    if (withApi) {
      data.put("mint-started", Instant.now().toString());
      data = requests.write(secretName, data);
    }
    IssuedToken successor = openBao.withToken(current).createToken(role);
    if (withApi) {
      data.put("next-token", successor.clientToken().reveal());
      data = requests.write(secretName, data);
    }
    OpenBaoClient successorClient = openBao.withToken(successor.clientToken());
    successorClient.renewSelf(PERIOD_PROBE);
    successorClient.kv(mount).healthCheckRoundTrip(folder);
    data.put("previous-token", data.get("token"));
    data.put("token", successor.clientToken().reveal());
    data.put("accessor", successor.accessor());
    data.remove("next-token");
    data.remove("mint-started");
    if (withApi) {
      data = requests.write(secretName, data);
      requests.listPods();
    }
    successorClient.lookupSelf();
    openBao.withToken(current).lookupSelf();
    openBao.withToken(current).revokeSelf();
    data.remove("previous-token");
    if (withApi) {
      requests.write(secretName, data);
      requests.patchStatus(name);
      requests.postEvent(name);
    }
  }
}
