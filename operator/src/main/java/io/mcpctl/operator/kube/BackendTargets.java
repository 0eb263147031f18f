package io.mcpctl.operator.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.RequestObserver;
import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.spec.ValidatedSpec;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the rotator's view of a backend. OpenBao clients are shared per connection (address,
 * namespace, TLS), so a thousand backends on one OpenBao reuse one HTTP client.
 */
public final class BackendTargets {

  private final KubernetesClient kubernetes;
  private final Duration requestTimeout;
  private final Duration mintTimeout;
  private final RequestObserver requests;
  private final AllowedOpenBaoAddresses addresses;

  /**
   * Clients by connection, the least recently used dropped beyond {@link #MAX_CLIENTS}: each holds
   * an HTTP client with its own threads, and a namespace could otherwise make the operator keep one
   * for every OpenBao namespace or address it writes into a spec. A client counts to the namespace
   * whose backend made it, and a namespace past its quarter loses its own clients: one naming many
   * connections or large bundles would otherwise push out every other namespace's client, each then
   * rebuilt with a TLS handshake at every use.
   */
  private final LeastRecentlyUsed<Client> clients =
      new LeastRecentlyUsed<>(
          MAX_CLIENTS,
          MAX_CLIENT_WEIGHT,
          new LeastRecentlyUsed.Share(MAX_CLIENTS / 4, MAX_CLIENT_WEIGHT / 4),
          Client::weight);

  static final int MAX_CLIENTS = 64;

  /**
   * The longest CA bundle a backend may name. A public trust store takes about 220 KiB; a bundle
   * that signs one OpenBao's certificate, a few KiB. Each client keeps its bundle and the parsed
   * certificates (about four times the PEM), so a namespace naming many large bundles would
   * otherwise fill the heap with them.
   */
  static final int MAX_CA_BUNDLE_CHARS = 512 << 10;

  /** What the cached clients may weigh together: their CA bundles, parsed, and a share each. */
  static final long MAX_CLIENT_WEIGHT = 16L << 20;

  /** What a client without a CA bundle keeps: its HTTP client, SSL context and buffers. */
  private static final long CLIENT_WEIGHT = 64 << 10;

  /** A cached client, weighed by what it keeps. */
  private record Client(OpenBaoClient client, long weight) {}

  /**
   * The longest OpenBao answer the operator reads. Its answers are token lookups, capabilities and
   * the health-check entry, a few KiB; a longer one comes from something that is not OpenBao (a
   * namespace may point its backend at any server), and reading it would take heap every other
   * namespace's rotations need.
   */
  static final long MAX_ANSWER_BYTES = 1L << 20;

  /**
   * @param requests told about every request the clients send to OpenBao (for the metrics)
   * @param addresses the OpenBao servers a backend may name; no target is made for any other
   */
  public BackendTargets(
      KubernetesClient kubernetes,
      Duration requestTimeout,
      Duration mintTimeout,
      RequestObserver requests,
      AllowedOpenBaoAddresses addresses) {
    this.kubernetes = kubernetes;
    this.requestTimeout = requestTimeout;
    this.mintTimeout = mintTimeout;
    this.requests = requests;
    this.addresses = addresses;
  }

  /**
   * @throws IllegalArgumentException when the address is not allowed, or the CA Secret is missing
   *     or holds no certificate (one sentence, for the Ready condition)
   */
  public BackendTarget of(SecretBackend backend, ValidatedSpec spec) {
    OpenBaoSpec openbao = spec.openbao().orElseThrow();
    addresses
        .refusal(openbao.getAddress())
        .ifPresent(
            refused -> {
              throw new IllegalArgumentException(refused);
            });
    KvSpec kv = openbao.getKv() == null ? new KvSpec() : openbao.getKv();
    String namespace = backend.getMetadata().getNamespace();
    Optional<String> caBundle = caBundle(namespace, openbao);
    boolean insecure = openbao.getTls() != null && openbao.getTls().skipsVerification();
    String trust = TokenSecretBinding.tls(insecure, caBundle);
    return new BackendTarget(
        namespace,
        backend.getMetadata().getName(),
        openbao.getAuth().getTokenSecretRef(),
        openbao.getAddress(),
        trust,
        kv.getMount(),
        kv.getPathPrefix(),
        spec.rotation(),
        client(namespace, openbao, caBundle, trust));
  }

  /**
   * @param trust what the client trusts, exactly ({@code ca-sha256:…} of the bundle): two
   *     namespaces that name one address with different CA bundles must never share a client, or
   *     one tenant's CA would decide whom another tenant's tokens are sent to
   */
  private OpenBaoClient client(
      String namespace, OpenBaoSpec openbao, Optional<String> caBundle, String trust) {
    OpenBaoConnection connection =
        OpenBaoConnection.builderFromSpec(openbao, caBundle)
            .requestTimeout(requestTimeout)
            .mintTimeout(mintTimeout)
            .maxAnswerBytes(MAX_ANSWER_BYTES)
            .connectTimeout(
                requestTimeout.compareTo(OpenBaoConnection.DEFAULT_CONNECT_TIMEOUT) < 0
                    ? requestTimeout
                    : OpenBaoConnection.DEFAULT_CONNECT_TIMEOUT)
            .build();
    String key = connection + " trusting " + trust;
    // Built outside the cache's lock: parsing a bundle must not hold up every other backend.
    return clients
        .get(key, namespace)
        .orElseGet(
            () ->
                clients.keep(
                    key,
                    namespace,
                    new Client(
                        OpenBaoClient.connect(connection, requests),
                        CLIENT_WEIGHT + caBundle.map(pem -> 4L * pem.length()).orElse(0L))))
        .client();
  }

  private Optional<String> caBundle(String namespace, OpenBaoSpec openbao) {
    if (openbao.getTls() == null || openbao.getTls().getCaSecretRef() == null) {
      return Optional.empty();
    }
    SecretKeyRef ref = openbao.getTls().getCaSecretRef();
    Secret secret = kubernetes.secrets().inNamespace(namespace).withName(ref.getName()).get();
    String bundle =
        ref.valueIn(secret)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The CA Secret "
                            + namespace
                            + "/"
                            + ref.getName()
                            + " has no key '"
                            + ref.getKey()
                            + "'; create it with the PEM bundle that signs the OpenBao"
                            + " certificate."));
    if (bundle.length() > MAX_CA_BUNDLE_CHARS) {
      throw new IllegalArgumentException(
          "The CA Secret "
              + namespace
              + "/"
              + ref.getName()
              + " holds "
              + (bundle.length() >> 10)
              + " KiB under key '"
              + ref.getKey()
              + "', more than the "
              + (MAX_CA_BUNDLE_CHARS >> 10)
              + " KiB allowed; put only the certificates that sign the OpenBao certificate in"
              + " it.");
    }
    return Optional.of(bundle);
  }
}
