package io.mcpctl.operator.testing;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's identity as the Helm chart installs it: the chart is rendered through helm-java
 * (release {@value #RELEASE} in {@value #NAMESPACE}, every namespace watched), its ServiceAccount
 * and RBAC objects are applied to the embedded API, and the operator gets a client that
 * authenticates as that ServiceAccount, so every request it makes is held to the chart's rules.
 */
public final class ChartIdentity {

  public static final String RELEASE = "mcpctl-operator";
  public static final String NAMESPACE = "mcpctl-system";

  /** The chart's kubeVersion constraint refuses the version helm-java assumes without a cluster. */
  private static final String KUBE_VERSION = "1.30.0";

  private static final Pattern DOCUMENTS = Pattern.compile("(?m)^---\\s*$");
  private static final Set<Class<?>> IDENTITY_KINDS =
      Set.of(
          ServiceAccount.class,
          ClusterRole.class,
          ClusterRoleBinding.class,
          Role.class,
          RoleBinding.class);

  private static List<HasMetadata> rendered;

  private ChartIdentity() {}

  /**
   * Applies the chart's ServiceAccount and RBAC objects (creating the release namespace) and
   * returns a client configuration for that ServiceAccount.
   */
  public static Config install(EmbeddedKubernetes api, KubernetesClient admin) {
    if (admin.namespaces().withName(NAMESPACE).get() == null) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
    }
    String account = null;
    for (HasMetadata object : identityObjects()) {
      admin.resource(object).createOr(existing -> existing.update());
      if (object instanceof ServiceAccount serviceAccount) {
        account = serviceAccount.getMetadata().getName();
      }
    }
    if (account == null) {
      throw new IllegalStateException("The rendered chart has no ServiceAccount.");
    }
    return new ConfigBuilder(api.clientConfig())
        .withOauthToken(api.serviceAccountToken(NAMESPACE, account))
        .build();
  }

  private static synchronized List<HasMetadata> identityObjects() {
    if (rendered == null) {
      String manifest =
          new Helm(Path.of("..", "helm", "mcpctl-operator").toAbsolutePath().normalize())
              .template()
              .withName(RELEASE)
              .withNamespace(NAMESPACE)
              .withKubeVersion(KUBE_VERSION)
              .call();
      KubernetesSerialization serialization = new KubernetesSerialization();
      List<HasMetadata> objects = new ArrayList<>();
      for (String document : DOCUMENTS.split(manifest)) {
        if (document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
          continue;
        }
        HasMetadata object = serialization.unmarshal(document);
        if (IDENTITY_KINDS.contains(object.getClass())) {
          if (object.getMetadata().getNamespace() == null
              && !(object instanceof ClusterRole)
              && !(object instanceof ClusterRoleBinding)) {
            object.getMetadata().setNamespace(NAMESPACE);
          }
          objects.add(object);
        }
      }
      rendered = List.copyOf(objects);
    }
    return rendered;
  }
}
