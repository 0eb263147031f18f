package io.mcpctl.sandbox.chart;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The operator's identity as the Helm chart installs it: the chart is rendered through helm-java
 * (release {@value #RELEASE} in {@value #NAMESPACE}), its ServiceAccount and RBAC objects are
 * applied to the embedded API exactly as rendered, and the operator is given credentials for that
 * ServiceAccount, so every request it makes is held to the chart's rules. Both chart modes: every
 * namespace (a ClusterRole) or {@code watchNamespaces} (a Role in each listed namespace).
 */
public final class ChartIdentity {

  public static final String RELEASE = "mcpctl-operator";
  public static final String NAMESPACE = "mcpctl-system";

  /** The leader-election Lease the chart names for this release ({@code <fullname>-leader}). */
  public static final String LEASE = RELEASE + "-leader";

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

  /** Rendering starts Helm's Go runtime; tests ask for the same rendering many times. */
  private static final Map<List<Object>, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

  private final List<HasMetadata> objects;
  private final List<String> watchNamespaces;

  private ChartIdentity(List<HasMetadata> objects, List<String> watchNamespaces) {
    this.objects = objects;
    this.watchNamespaces = watchNamespaces;
  }

  /**
   * Renders the chart in {@code chartDirectory}.
   *
   * @param watchNamespaces the chart's {@code watchNamespaces} value; empty for every namespace
   */
  public static ChartIdentity render(Path chartDirectory, List<String> watchNamespaces) {
    Path chart = chartDirectory.toAbsolutePath().normalize();
    List<String> watched = List.copyOf(watchNamespaces);
    return new ChartIdentity(
        RENDERED.computeIfAbsent(List.of(chart, watched), key -> identityObjects(chart, watched)),
        watched);
  }

  /** The ServiceAccount, Roles, ClusterRoles and bindings the chart renders. */
  public List<HasMetadata> objects() {
    return objects;
  }

  public List<String> watchNamespaces() {
    return watchNamespaces;
  }

  public String serviceAccountName() {
    return objects.stream()
        .filter(ServiceAccount.class::isInstance)
        .map(account -> account.getMetadata().getName())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The rendered chart has no ServiceAccount."));
  }

  /**
   * Applies the rendered objects through the admin client, first creating the namespaces they live
   * in as an administrator would before {@code helm install}, and returns a bearer token for the
   * ServiceAccount.
   */
  public String install(EmbeddedKubernetes api) {
    KubernetesClient admin = api.client();
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(NAMESPACE);
    namespaces.addAll(watchNamespaces);
    for (String namespace : namespaces) {
      if (admin.namespaces().withName(namespace).get() == null) {
        admin
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
    }
    for (HasMetadata object : objects) {
      admin.resource(object).createOr(existing -> existing.update());
    }
    return api.serviceAccountToken(NAMESPACE, serviceAccountName());
  }

  /** {@link #install} and a client configuration that authenticates as the ServiceAccount. */
  public Config installForClient(EmbeddedKubernetes api) {
    String token = install(api);
    return new ConfigBuilder(api.clientConfig()).withOauthToken(token).build();
  }

  /** {@link #install} and a kubeconfig file for the ServiceAccount, for an operator process. */
  public Path installForKubeconfig(EmbeddedKubernetes api, Path kubeconfig) {
    return api.writeKubeconfig(kubeconfig, install(api));
  }

  private static List<HasMetadata> identityObjects(Path chart, List<String> watchNamespaces) {
    String manifest =
        HelmTemplate.render(
            chart,
            RELEASE,
            NAMESPACE,
            KUBE_VERSION,
            // A values file, not --set, so that the chart's schema sees an array.
            "watchNamespaces: [" + String.join(", ", watchNamespaces) + "]\n");
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
    return List.copyOf(objects);
  }
}
