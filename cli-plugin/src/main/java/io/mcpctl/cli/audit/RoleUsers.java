package io.mcpctl.cli.audit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.backend.BackendOpenBao;
import io.mcpctl.cli.backend.BackendOpenBao.SecretRead;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.text.Sentences;
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
 * their tokens are never taken for orphans. A backend's own role is shared, if at all, only within
 * its namespace.
 *
 * @param heldBy accessor to {@code <namespace>/<name>} of the backend holding it
 * @param unverified one sentence per backend whose tokens could not be told apart
 */
record RoleUsers(Map<String, String> heldBy, List<String> unverified) {

  /**
   * @param ownRole whether {@code role} is the one the wizard made for {@code audited}: then only
   *     backends of its own namespace are asked, since whoever may edit a backend elsewhere could
   *     otherwise claim an orphan of this role as theirs and hide it from the audit
   */
  static RoleUsers of(
      KubernetesClient client, SecretBackend audited, String role, boolean ownRole) {
    Map<String, String> heldBy = new HashMap<>();
    List<String> unverified = new ArrayList<>();
    for (SecretBackend other : candidates(client, audited, role, ownRole, unverified)) {
      if (sameBackend(other, audited) || !usesRole(other, audited.getSpec().getOpenbao(), role)) {
        continue;
      }
      BackendOpenBao openBao = BackendOpenBao.of(client, other).orElseThrow();
      SecretRead read;
      try {
        read = openBao.tokenSecret();
      } catch (CliException unusable) {
        // Its spec names a CA Secret that is missing, say: that backend's problem, not a reason
        // to stop auditing this one.
        unverified.add(
            "SecretBackend "
                + openBao.label()
                + " also uses role "
                + role
                + " but its token Secret could not be used ("
                + Sentences.withoutFinalPeriod(unusable.getMessage())
                + ")");
        continue;
      }
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

  private static List<SecretBackend> candidates(
      KubernetesClient client,
      SecretBackend audited,
      String role,
      boolean ownRole,
      List<String> unverified) {
    String namespace = audited.getMetadata().getNamespace();
    if (ownRole) {
      return client.resources(SecretBackend.class).inNamespace(namespace).list().getItems();
    }
    try {
      return client.resources(SecretBackend.class).inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      unverified.add(
          "SecretBackends of other namespaces may not be listed with your rights, so a backend"
              + " there that uses role "
              + role
              + " would have its tokens counted as orphans");
      return client.resources(SecretBackend.class).inNamespace(namespace).list().getItems();
    }
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
