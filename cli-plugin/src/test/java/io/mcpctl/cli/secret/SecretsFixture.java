package io.mcpctl.cli.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.secrets.SecretStores;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One namespace on the embedded API, an OpenBao stand-in, and helpers to arrange backends the way
 * the wizard leaves them: an openbao backend reaches OpenBao with a token that carries only the
 * backend's narrow policy, kept in its token Secret.
 */
public final class SecretsFixture {

  public final KubeFixture kube;
  public final OpenBaoStandIn bao;
  public final String namespace;

  public SecretsFixture(KubeFixture kube, OpenBaoStandIn bao) {
    this.kube = kube;
    this.bao = bao;
    this.namespace = kube.newNamespace("secrets");
  }

  /** The stand-in's root client, for arranging and inspecting OpenBao directly. */
  public OpenBaoClient root() {
    OpenBaoConnection.Builder connection = OpenBaoConnection.builder(bao.address().toString());
    bao.caCertificatePem().ifPresent(connection::caBundlePem);
    return OpenBaoClient.connect(connection.build()).withToken(bao.rootToken());
  }

  /**
   * An openbao SecretBackend with a static token that holds only its narrow policy for {@code
   * mount}/{@code prefix}.
   *
   * @return the token stored in the backend's token Secret
   */
  public VaultToken openBaoBackend(String name, String mount, String prefix, boolean isDefault) {
    return openBaoBackendIn(null, name, mount, prefix, isDefault);
  }

  /** The stand-in's root client acting in the OpenBao namespace {@code openBaoNamespace}. */
  public OpenBaoClient rootIn(String openBaoNamespace) {
    return OpenBaoClient.connect(root().connection().withNamespace(openBaoNamespace))
        .withToken(bao.rootToken());
  }

  /**
   * As {@link #openBaoBackend}, in the OpenBao namespace {@code openBaoNamespace} (null: root),
   * which gets the KV v2 mount, the policy and the token.
   */
  public VaultToken openBaoBackendIn(
      String openBaoNamespace, String name, String mount, String prefix, boolean isDefault) {
    return openBaoBackendAt(
        bao.address().toString(), openBaoNamespace, name, mount, prefix, isDefault);
  }

  /** As {@link #openBaoBackendIn}, reaching the stand-in through {@code address}. */
  public VaultToken openBaoBackendAt(
      String address,
      String openBaoNamespace,
      String name,
      String mount,
      String prefix,
      boolean isDefault) {
    OpenBaoClient admin = root();
    if (openBaoNamespace != null) {
      bao.createNamespace(openBaoNamespace);
      admin = rootIn(openBaoNamespace);
      admin.enableKvV2(mount, "MCP secrets of the namespace");
    }
    NarrowAccess access = NarrowAccess.forBackend(namespace, name, mount, prefix);
    admin.writePolicy(access.policyName(), NarrowPolicy.hcl(access));
    VaultToken token = narrowToken(admin, access);
    BackendNames names = new BackendNames(name);
    kube.client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            BackendObjects.tokenSecret(
                namespace,
                names,
                TokenSecretBinding.Binding.fixed(name, address, TokenSecretBinding.TLS_SYSTEM),
                token,
                Optional.empty()))
        .create();
    backend(
        name,
        BackendObjects.openBaoSpec(
            names,
            new BackendObjects.OpenBaoTarget(
                address, openBaoNamespace, mount, prefix, false, false),
            Optional.empty(),
            isDefault));
    return token;
  }

  /** A fresh token with the narrow policy of {@code access}, minted by root. */
  public VaultToken narrowToken(NarrowAccess access) {
    return narrowToken(root(), access);
  }

  private static VaultToken narrowToken(OpenBaoClient admin, NarrowAccess access) {
    return admin
        .createToken(
            TokenCreateRequest.builder()
                .policies(List.of(access.policyName()))
                .ttl(Duration.ofHours(1))
                .build())
        .clientToken();
  }

  public void backend(String name, SecretBackendSpec spec) {
    kube.client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .resource(BackendObjects.backend(namespace, name, spec))
        .create();
  }

  /** A Secret as an MCP secret of {@code backend} would be, written straight to the API. */
  public Secret labelledSecret(String backend, String name, Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            data.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return kube.client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(SecretBackend.BACKEND_LABEL, backend)
                .endMetadata()
                .withData(data)
                .build())
        .create();
  }

  /** The names of the Secrets labelled for {@code backend}, sorted. */
  public List<String> labelledSecretNames(String backend) {
    return kube
        .client()
        .secrets()
        .inNamespace(namespace)
        .withLabel(SecretBackend.BACKEND_LABEL, backend)
        .list()
        .getItems()
        .stream()
        .map(secret -> secret.getMetadata().getName())
        .sorted()
        .toList();
  }

  public SecretStores stores() {
    return new SecretStores(kube.client(), namespace);
  }

  /** Runs the plugin in this JVM against this namespace. */
  public CliHarness.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(kube.flags(namespace)));
    return new CliHarness().run(all.toArray(String[]::new));
  }
}
