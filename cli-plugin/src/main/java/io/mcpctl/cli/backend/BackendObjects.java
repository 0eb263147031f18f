package io.mcpctl.cli.backend;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes objects a backend consists of, as a create run wants them to be. */
public final class BackendObjects {

  /** The key of the CA Secret that holds the PEM bundle. */
  public static final String CA_KEY = "ca.crt";

  private BackendObjects() {}

  /**
   * Where the OpenBao part of a backend points and how it authenticates.
   *
   * @param openBaoNamespace the OpenBao namespace path, or null for the root namespace
   */
  public record OpenBaoTarget(
      String address,
      String openBaoNamespace,
      String mount,
      String pathPrefix,
      boolean withCaSecret,
      boolean insecure) {

    /** A target in OpenBao's root namespace. */
    public OpenBaoTarget(
        String address, String mount, String pathPrefix, boolean withCaSecret, boolean insecure) {
      this(address, null, mount, pathPrefix, withCaSecret, insecure);
    }
  }

  /** Rotation settings; absent means a static token. */
  public record Rotation(
      String tokenRole, String interval, String jitter, String revokeGracePeriod) {}

  public static SecretBackend backend(String namespace, String name, SecretBackendSpec spec) {
    SecretBackend backend = new SecretBackend();
    backend.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    backend.setSpec(spec);
    return backend;
  }

  public static SecretBackendSpec kubernetesSpec(boolean isDefault) {
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType(BackendType.KUBERNETES.wireName());
    spec.setDefault(isDefault);
    return spec;
  }

  /**
   * The spec of an openbao backend, with every default the API server would apply written out, so
   * that comparing it with the stored spec tells "already right" from "must change".
   */
  public static SecretBackendSpec openBaoSpec(
      BackendNames names, OpenBaoTarget target, Optional<Rotation> rotation, boolean isDefault) {
    KvSpec kv = new KvSpec();
    kv.setMount(target.mount());
    kv.setPathPrefix(target.pathPrefix());
    AuthSpec auth = new AuthSpec();
    auth.setTokenSecretRef(new SecretKeyRef(names.tokenSecret(), TokenSecretKeys.TOKEN));
    rotation.ifPresent(
        wanted -> {
          RotationSpec spec = new RotationSpec();
          spec.setEnabled(true);
          spec.setTokenRole(wanted.tokenRole());
          spec.setInterval(wanted.interval());
          spec.setJitter(wanted.jitter());
          spec.setRevokeGracePeriod(wanted.revokeGracePeriod());
          auth.setRotation(spec);
        });
    OpenBaoSpec openbao = new OpenBaoSpec();
    openbao.setAddress(target.address());
    openbao.setNamespace(target.openBaoNamespace());
    openbao.setKv(kv);
    openbao.setAuth(auth);
    if (target.withCaSecret() || target.insecure()) {
      TlsSpec tls = new TlsSpec();
      if (target.withCaSecret()) {
        tls.setCaSecretRef(new SecretKeyRef(names.caSecret(), CA_KEY));
      }
      if (target.insecure()) {
        tls.setInsecureSkipVerify(true);
      }
      openbao.setTls(tls);
    }
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType(BackendType.OPENBAO.wireName());
    spec.setDefault(isDefault);
    spec.setOpenbao(openbao);
    return spec;
  }

  /**
   * The token Secret: the token (and its accessor when known), labelled as the operator's and bound
   * to its backend and the OpenBao address the token is for ({@link TokenSecretBinding}).
   */
  public static Secret tokenSecret(
      String namespace,
      BackendNames names,
      TokenSecretBinding.Binding binding,
      VaultToken token,
      Optional<String> accessor) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TokenSecretKeys.TOKEN, base64(token.reveal()));
    accessor.ifPresent(value -> data.put(TokenSecretKeys.ACCESSOR, base64(value)));
    return boundTokenSecret(namespace, names, binding, data);
  }

  /**
   * A token Secret holding {@code data} (base64 values, as a Secret's data), bound as {@code
   * binding} says: how an existing token Secret looks once bound.
   */
  public static Secret boundTokenSecret(
      String namespace,
      BackendNames names,
      TokenSecretBinding.Binding binding,
      Map<String, String> data) {
    Secret secret = managedSecret(namespace, names.tokenSecret(), data);
    secret.setType(TokenSecretBinding.TYPE);
    secret.getMetadata().setAnnotations(new LinkedHashMap<>(binding.annotations()));
    return secret;
  }

  /** The CA bundle the operator trusts OpenBao's certificate with. */
  public static Secret caSecret(String namespace, BackendNames names, String pem) {
    return managedSecret(namespace, names.caSecret(), Map.of(CA_KEY, base64(pem)));
  }

  /**
   * The sentence refusing to overwrite a Secret that mcpctl does not manage.
   *
   * @param why what else is true of it, e.g. " and not bound to SecretBackend bao" (or "")
   */
  public static String notManaged(String secretName, String namespace, String why) {
    return "Secret "
        + secretName
        + " exists in namespace "
        + namespace
        + " but is not managed by mcpctl (no label "
        + SecretBackend.MANAGED_BY_LABEL
        + "="
        + SecretBackend.MANAGED_BY_VALUE
        + ")"
        + why
        + "; delete or rename it, or choose another backend name.";
  }

  /** Whether a Secret carries the operator's managed-by label. */
  public static boolean isManaged(Secret secret) {
    return secret.getMetadata().getLabels() != null
        && SecretBackend.MANAGED_BY_VALUE.equals(
            secret.getMetadata().getLabels().get(SecretBackend.MANAGED_BY_LABEL));
  }

  /** A key of a Secret, decoded; empty when absent. */
  public static Optional<String> decoded(Secret secret, String key) {
    return SecretKeyRef.value(secret, key);
  }

  private static Secret managedSecret(String namespace, String name, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE)
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
