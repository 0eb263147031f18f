package io.mcpctl.cli.backend;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/**
 * How the plugin reaches one OpenBao backend on the user's behalf: the connection its spec
 * describes (with the CA from its Secret) and its token Secret, read only when the user may read it
 * and used only when it is bound to this backend and to the address it would be sent to.
 */
public final class BackendOpenBao {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final OpenBaoSpec spec;

  private BackendOpenBao(KubernetesClient client, SecretBackend backend, OpenBaoSpec spec) {
    this.client = client;
    this.namespace = backend.getMetadata().getNamespace();
    this.name = backend.getMetadata().getName();
    this.spec = spec;
  }

  /** Empty for a backend that is not of type openbao or names no address. */
  public static Optional<BackendOpenBao> of(KubernetesClient client, SecretBackend backend) {
    if (backend.getSpec() == null
        || !"openbao".equals(backend.getSpec().getType())
        || backend.getSpec().getOpenbao() == null
        || backend.getSpec().getOpenbao().getAddress() == null) {
      return Optional.empty();
    }
    return Optional.of(new BackendOpenBao(client, backend, backend.getSpec().getOpenbao()));
  }

  public OpenBaoSpec spec() {
    return spec;
  }

  /** The role that mints the backend's tokens; empty for a static token. */
  public Optional<String> tokenRole() {
    return tokenRole(spec);
  }

  /** The role that mints the tokens of a backend with this spec; empty for a static token. */
  public static Optional<String> tokenRole(OpenBaoSpec spec) {
    if (spec.getAuth() == null || !spec.getAuth().isRotationEnabled()) {
      return Optional.empty();
    }
    return Optional.ofNullable(spec.getAuth().getRotation().getTokenRole())
        .filter(role -> !role.isBlank());
  }

  /** The backend's Kubernetes namespace. */
  public String namespace() {
    return namespace;
  }

  /** The backend's name. */
  public String name() {
    return name;
  }

  /** The KV settings, with the defaults for what the spec leaves out. */
  public KvSpec kv() {
    return spec.getKv() == null ? new KvSpec() : spec.getKv();
  }

  /** {@code <namespace>/<name>}. */
  public String label() {
    return namespace + "/" + name;
  }

  /**
   * The connection the backend's spec describes.
   *
   * @throws CliException when its CA Secret cannot be read or the spec is invalid
   */
  public OpenBaoConnection connection() {
    return fromSpec(caBundle());
  }

  /**
   * The spec's address as a connection uses it, for a caller that brings its own trust: no Secret
   * is read.
   *
   * @throws CliException when the spec is invalid
   */
  public URI address() {
    return fromSpec(Optional.empty()).address();
  }

  private OpenBaoConnection fromSpec(Optional<String> caBundlePem) {
    try {
      return OpenBaoConnection.fromSpec(spec, caBundlePem);
    } catch (IllegalArgumentException invalid) {
      throw new CliException(
          "SecretBackend " + label() + " cannot be used: " + invalid.getMessage(), invalid);
    }
  }

  /** The TLS check the spec asks for, as the token Secret's binding words it. */
  public String tlsBinding() {
    return TokenSecretBinding.tls(
        spec.getTls() != null && spec.getTls().skipsVerification(), caBundle());
  }

  private Optional<String> caBundle() {
    if (spec.getTls() == null || spec.getTls().getCaSecretRef() == null) {
      return Optional.empty();
    }
    SecretKeyRef ref = spec.getTls().getCaSecretRef();
    SecretRead read = readSecret(ref.getName());
    if (!(read instanceof SecretRead.Readable readable)) {
      throw new CliException(
          "The CA Secret "
              + namespace
              + "/"
              + ref.getName()
              + " of SecretBackend "
              + label()
              + (read instanceof SecretRead.Forbidden
                  ? " may not be read with your rights"
                  : " is missing")
              + "; without it the plugin cannot check OpenBao's certificate.");
    }
    return Optional.of(
        ref.valueIn(readable.secret())
            .orElseThrow(
                () ->
                    new CliException(
                        "The CA Secret "
                            + namespace
                            + "/"
                            + ref.getName()
                            + " has no key "
                            + ref.getKey()
                            + "; re-run the wizard to store the CA bundle.")));
  }

  /**
   * The token Secret, bound to this backend, its address and its TLS check; a Secret bound to
   * anything else is {@link SecretRead.Unbound}, so no credential it holds is sent elsewhere.
   */
  public SecretRead tokenSecret() {
    SecretKeyRef ref = spec.getAuth() == null ? null : spec.getAuth().getTokenSecretRef();
    if (ref == null || ref.getName() == null) {
      return new SecretRead.Missing("SecretBackend " + label() + " names no token Secret");
    }
    SecretRead read = readSecret(ref.getName());
    if (!(read instanceof SecretRead.Readable readable)) {
      return read;
    }
    TokenSecretBinding.Binding expected =
        TokenSecretBinding.Binding.fixed(name, spec.getAddress(), tlsBinding());
    Optional<String> problem =
        TokenSecretBinding.problem(
            readable.secret().getType(),
            readable.secret().getMetadata().getAnnotations(),
            namespace,
            ref.getName(),
            expected);
    return problem.<SecretRead>map(SecretRead.Unbound::new).orElse(read);
  }

  private SecretRead readSecret(String secretName) {
    try {
      Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
      return secret == null
          ? new SecretRead.Missing("Secret " + namespace + "/" + secretName + " does not exist")
          : new SecretRead.Readable(secret);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return new SecretRead.Forbidden(namespace + "/" + secretName);
      }
      throw e;
    }
  }

  /** What reading a backend's Secret gave. */
  public sealed interface SecretRead {

    /** Read, and (for the token Secret) bound to this backend. */
    record Readable(Secret secret) implements SecretRead {}

    /** The user may not read it; the plugin does not try another way. */
    record Forbidden(String secret) implements SecretRead {}

    /** It does not exist, or the spec names none. */
    record Missing(String why) implements SecretRead {}

    /** Bound to another backend, address or TLS check; the sentence says how to bind it. */
    record Unbound(String problem) implements SecretRead {}
  }
}
