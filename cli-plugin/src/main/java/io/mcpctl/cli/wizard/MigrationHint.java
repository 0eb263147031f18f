package io.mcpctl.cli.wizard;

import io.fabric8.kubernetes.api.model.Secret;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.cli.Cluster;
import io.mcpctl.cli.create.BackendObjects;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.VaultToken;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Counts the MCP secrets a backend holds in a namespace, so the wizard can print the migrate
 * command when the previous default is not empty. A secret on a kubernetes store is a Secret
 * labelled {@code mcpctl.io/backend=<backend>}; on openbao, a KV v2 key under {@code
 * <prefix>/<namespace>/}.
 */
final class MigrationHint {

  private final Cluster cluster;

  MigrationHint(Cluster cluster) {
    this.cluster = cluster;
  }

  /** The number of secrets, or empty when they could not be counted. */
  OptionalInt countSecrets(String backendName, Optional<SecretBackend> backend) {
    SecretBackendSpec spec = backend.map(SecretBackend::getSpec).orElse(null);
    if (spec == null || !"openbao".equals(spec.getType()) || spec.getOpenbao() == null) {
      return OptionalInt.of(
          cluster
              .client()
              .secrets()
              .inNamespace(cluster.namespace())
              .withLabel(SecretBackend.BACKEND_LABEL, backendName)
              .list()
              .getItems()
              .size());
    }
    return countOnOpenBao(spec);
  }

  /** The command that moves them, exactly as the user should paste it. */
  static String command(String from, String to, String namespace) {
    return "kubectl mcpctl migrate secrets --from " + from + " --to " + to + " -n " + namespace;
  }

  private OptionalInt countOnOpenBao(SecretBackendSpec spec) {
    SecretKeyRef tokenRef = spec.getOpenbao().getAuth().getTokenSecretRef();
    Optional<String> tokenValue = secretValue(tokenRef);
    if (tokenValue.isEmpty()) {
      return OptionalInt.empty();
    }
    Optional<String> caPem =
        Optional.ofNullable(spec.getOpenbao().getTls())
            .map(tls -> tls.getCaSecretRef())
            .flatMap(this::secretValue);
    try {
      OpenBaoClient client =
          OpenBaoClient.connect(OpenBaoConnection.fromSpec(spec.getOpenbao(), caPem))
              .withToken(VaultToken.of(tokenValue.get()));
      String folder = spec.getOpenbao().getKv().getPathPrefix() + "/" + cluster.namespace();
      return OptionalInt.of(client.kv(spec.getOpenbao().getKv().getMount()).list(folder).size());
    } catch (OpenBaoException | IllegalArgumentException unavailable) {
      return OptionalInt.empty();
    }
  }

  private Optional<String> secretValue(SecretKeyRef ref) {
    if (ref == null) {
      return Optional.empty();
    }
    Secret secret =
        cluster.client().secrets().inNamespace(cluster.namespace()).withName(ref.getName()).get();
    return secret == null ? Optional.empty() : BackendObjects.decoded(secret, ref.getKey());
  }
}
