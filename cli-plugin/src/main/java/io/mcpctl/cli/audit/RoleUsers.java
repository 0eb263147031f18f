package io.mcpctl.cli.audit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.backend.BackendOpenBao;
import io.mcpctl.cli.backend.BackendOpenBao.SecretRead;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The other SecretBackends that mint through the same role at the same OpenBao (a role named by
 * hand with {@code --token-role} may be shared), and the accessors their Secrets hold, so that
 * their tokens are never taken for orphans.
 *
 * @param heldBy accessor to {@code <namespace>/<name>} of the backend holding it
 * @param unverified one sentence per backend whose tokens could not be told apart
 */
record RoleUsers(Map<String, String> heldBy, List<String> unverified) {

  static RoleUsers of(KubernetesClient client, SecretBackend audited, String role) {
    Map<String, String> heldBy = new HashMap<>();
    List<String> unverified = new ArrayList<>();
    List<SecretBackend> candidates;
    try {
      candidates = client.resources(SecretBackend.class).inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      candidates =
          client
              .resources(SecretBackend.class)
              .inNamespace(audited.getMetadata().getNamespace())
              .list()
              .getItems();
      unverified.add(
          "SecretBackends of other namespaces may not be listed with your rights, so a backend"
              + " there that uses role "
              + role
              + " would have its tokens counted as orphans");
    }
    for (SecretBackend other : candidates) {
      if (sameBackend(other, audited) || !usesRole(other, audited.getSpec().getOpenbao(), role)) {
        continue;
      }
      BackendOpenBao openBao = BackendOpenBao.of(client, other).orElseThrow();
      SecretRead read = openBao.tokenSecret();
      if (read instanceof SecretRead.Readable readable) {
        HeldAccessors.of(readable.secret())
            .byAccessor()
            .keySet()
            .forEach(accessor -> heldBy.put(accessor, openBao.label()));
      } else {
        unverified.add(
            "SecretBackend "
                + openBao.label()
                + " also uses role "
                + role
                + " but its token Secret could not be read");
      }
    }
    return new RoleUsers(heldBy, unverified);
  }

  private static boolean sameBackend(SecretBackend a, SecretBackend b) {
    return a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
        && a.getMetadata().getName().equals(b.getMetadata().getName());
  }

  private static boolean usesRole(SecretBackend other, OpenBaoSpec audited, String role) {
    return other.getSpec() != null
        && "openbao".equals(other.getSpec().getType())
        && other.getSpec().getOpenbao() != null
        && other.getSpec().getOpenbao().getAddress() != null
        && BackendOpenBao.tokenRole(other.getSpec().getOpenbao()).filter(role::equals).isPresent()
        && TokenSecretBinding.sameAddress(
            other.getSpec().getOpenbao().getAddress(), audited.getAddress())
        && Objects.equals(namespaceOf(other.getSpec().getOpenbao()), namespaceOf(audited));
  }

  private static String namespaceOf(OpenBaoSpec spec) {
    try {
      return OpenBaoNamespace.parse(spec.getNamespace())
          .map(OpenBaoNamespace::canonical)
          .orElse("");
    } catch (IllegalArgumentException invalid) {
      // such a backend reaches no namespace at all; compare it as written
      return spec.getNamespace();
    }
  }
}
