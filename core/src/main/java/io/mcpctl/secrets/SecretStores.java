package io.mcpctl.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.CommandHints;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a backend name into the {@link SecretStore} of one namespace. The namespace's default
 * backend is the SecretBackend with {@code spec.default: true}, or the built-in kubernetes store
 * {@value SecretBackend#BUILT_IN_DEFAULT_BACKEND} when there is none. A name resolves to the
 * SecretBackend of that name; {@code default} without such a resource is the built-in store.
 *
 * <p>Resolving reads the SecretBackend and, for openbao, its token (and CA) Secret; it does not
 * call OpenBao, so an unreachable or sealed OpenBao is reported by the store's first call. A token
 * Secret that is not bound to the backend and its address ({@link TokenSecretBinding}) is refused
 * before its token is read.
 */
public final class SecretStores {

  private final BackendLookups lookups;
  private final Supplier<KubernetesClient> client;
  private final String namespace;

  public SecretStores(KubernetesClient client, String namespace) {
    this(BackendLookups.of(client), () -> client, namespace);
  }

  /**
   * @param lookups how the SecretBackends and Secrets are read
   * @param client the client the kubernetes stores write with, asked for at their first write
   */
  public SecretStores(BackendLookups lookups, Supplier<KubernetesClient> client, String namespace) {
    this.lookups = lookups;
    this.client = client;
    this.namespace = SecretNames.requireNamespace(namespace);
  }

  /**
   * The store of {@code backendName}, or of the namespace's default backend when it is empty.
   *
   * @throws BackendResolutionException for an unknown backend, an invalid spec or a missing Secret
   */
  public SecretStore resolve(Optional<String> backendName) {
    return backendName.isPresent() ? named(backendName.get()) : defaultStore();
  }

  /** The store of the namespace's default backend. */
  public SecretStore defaultStore() {
    List<SecretBackend> defaults =
        backends().stream()
            .filter(backend -> backend.getSpec() != null && backend.getSpec().isDefaultBackend())
            .toList();
    if (defaults.size() > 1) {
      throw new BackendResolutionException(
          "Namespace "
              + namespace
              + " has "
              + defaults.size()
              + " default SecretBackends ("
              + String.join(", ", defaults.stream().map(SecretStores::nameOf).toList())
              + "); set spec.default: false on all but one, or pass --backend.");
    }
    return defaults.isEmpty() ? builtIn() : storeFor(defaults.get(0));
  }

  /** The store of the backend called {@code backendName}. */
  public SecretStore named(String backendName) {
    Optional<SecretBackend> backend =
        backends().stream().filter(b -> nameOf(b).equals(backendName)).findFirst();
    if (backend.isPresent()) {
      return storeFor(backend.get());
    }
    if (backendName.equals(SecretBackend.BUILT_IN_DEFAULT_BACKEND)) {
      return builtIn();
    }
    throw new BackendResolutionException(
        "SecretBackend "
            + backendName
            + " not found in namespace "
            + namespace
            + "; list them with 'kubectl get secretbackends -n "
            + namespace
            + "', or use '"
            + SecretBackend.BUILT_IN_DEFAULT_BACKEND
            + "' for the built-in kubernetes store.");
  }

  private SecretStore builtIn() {
    return new KubernetesSecretStore(
        lookups, client, namespace, SecretBackend.BUILT_IN_DEFAULT_BACKEND);
  }

  private SecretStore storeFor(SecretBackend backend) {
    String name = nameOf(backend);
    String type = backend.getSpec() == null ? null : backend.getSpec().getType();
    Optional<BackendType> known = BackendType.fromWireName(type);
    if (known.isEmpty()) {
      throw invalid(name, "has type '" + type + "'", "set spec.type to kubernetes or openbao");
    }
    if (known.get() == BackendType.KUBERNETES) {
      return new KubernetesSecretStore(lookups, client, namespace, name);
    }
    if (name.equals(SecretBackend.BUILT_IN_DEFAULT_BACKEND)) {
      // It would hide the built-in store, whose secrets no command could reach any more.
      throw invalid(
          name,
          "is an OpenBao backend named like the built-in kubernetes store",
          "create it again under another name (the plugin refuses this one) and delete this one");
    }
    return openBaoStore(name, backend.getSpec().getOpenbao());
  }

  private SecretStore openBaoStore(String name, OpenBaoSpec spec) {
    if (spec == null || spec.getAuth() == null || spec.getAuth().getTokenSecretRef() == null) {
      throw invalid(
          name,
          "has no spec.openbao.auth.tokenSecretRef",
          "re-run 'kubectl mcpctl create secretbackend " + name + " --type openbao --wizard'");
    }
    KvSpec kv = spec.getKv() == null ? new KvSpec() : spec.getKv();
    SecretKeyRef tokenRef = spec.getAuth().getTokenSecretRef();
    Optional<String> caPem =
        Optional.ofNullable(spec.getTls())
            .map(tls -> tls.getCaSecretRef())
            .map(ref -> secretValue(name, ref, "CA"));
    try {
      OpenBaoClient connection = OpenBaoClient.connect(OpenBaoConnection.fromSpec(spec, caPem));
      return new OpenBaoSecretStore(
          name,
          namespace,
          connection,
          kv.getMount(),
          kv.getPathPrefix(),
          () ->
              token(
                  name,
                  TokenSecretBinding.Binding.fixed(
                      name,
                      spec.getAddress(),
                      TokenSecretBinding.tls(
                          spec.getTls() != null && spec.getTls().skipsVerification(), caPem)),
                  tokenRef));
    } catch (IllegalArgumentException badSpec) {
      throw new BackendResolutionException(
          "SecretBackend "
              + name
              + " in namespace "
              + namespace
              + " cannot be used: "
              + badSpec.getMessage(),
          badSpec);
    }
  }

  /**
   * The backend's token, read from its token Secret only when that Secret is bound to this backend,
   * to the address the token is about to be sent to and to the certificate check it is sent with:
   * otherwise a SecretBackend edited to name any Secret of the namespace and an address of someone
   * else's (or to skip the certificate check) would make the user's own credentials deliver that
   * Secret's value there. The plugin only uses the token, so whether the operator may rotate it
   * does not matter here.
   */
  private VaultToken token(
      String backendName, TokenSecretBinding.Binding sentAs, SecretKeyRef ref) {
    Secret secret = requiredSecret(backendName, ref, "token");
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    TokenSecretBinding.problem(secret.getType(), annotations, namespace, ref.getName(), sentAs)
        .ifPresent(
            problem -> {
              throw new BackendResolutionException(problem);
            });
    String value = keyValue(backendName, secret, ref, "token");
    if (value.isBlank()) {
      throw new BackendResolutionException(
          "The key "
              + ref.getKey()
              + " of Secret "
              + ref.getName()
              + " in namespace "
              + namespace
              + " is empty, so SecretBackend "
              + backendName
              + " has no token; re-run '"
              + CommandHints.wizard(namespace, backendName)
              + "' to store a fresh one.");
    }
    try {
      return VaultToken.of(value);
    } catch (IllegalArgumentException unusable) {
      throw new BackendResolutionException(
          "The key "
              + ref.getKey()
              + " of Secret "
              + ref.getName()
              + " holds no usable token for SecretBackend "
              + backendName
              + "; re-run the wizard to store a fresh one.",
          unusable);
    }
  }

  private String secretValue(String backendName, SecretKeyRef ref, String what) {
    return keyValue(backendName, requiredSecret(backendName, ref, what), ref, what);
  }

  private Secret requiredSecret(String backendName, SecretKeyRef ref, String what) {
    return lookups
        .secret(namespace, ref.getName())
        .orElseThrow(() -> unstored(backendName, ref, what, " is missing"));
  }

  private String keyValue(String backendName, Secret secret, SecretKeyRef ref, String what) {
    return ref.valueIn(secret)
        .orElseThrow(() -> unstored(backendName, ref, what, " has no key " + ref.getKey()));
  }

  private BackendResolutionException unstored(
      String backendName, SecretKeyRef ref, String what, String problem) {
    return new BackendResolutionException(
        "The "
            + what
            + " Secret "
            + ref.getName()
            + " of SecretBackend "
            + backendName
            + problem
            + " in namespace "
            + namespace
            + "; re-run 'kubectl mcpctl create secretbackend "
            + backendName
            + " --type openbao --wizard' to store it.");
  }

  private List<SecretBackend> backends() {
    return lookups.backends(namespace);
  }

  private BackendResolutionException invalid(String name, String problem, String fix) {
    return new BackendResolutionException(
        "SecretBackend " + name + " in namespace " + namespace + " " + problem + "; " + fix + ".");
  }

  private static String nameOf(SecretBackend backend) {
    return backend.getMetadata().getName();
  }
}
