package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.OperatorChart;
import io.mcpctl.operator.testing.RunningOperator;
import io.mcpctl.sandbox.chart.ChartIdentity;
import io.mcpctl.sandbox.kube.rbac.AccessLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart grants the operator exactly what it uses: through a whole backend life (a provisioned
 * backend's first rotation, scheduled rotations, the grace revoke, a forced rotation, a sealed
 * OpenBao failing rotations again and again, unseal, delete with its finalizer) the embedded API
 * records every kind of request the operator's ServiceAccount makes, and the test compares that
 * record with the rules the chart renders, both ways, in both chart modes.
 */
class ChartRbacIT {

  private static final String NAMESPACE = "team-a";

  /**
   * Grants only an unusual path needs, which no scenario provokes on demand: JOSDK re-reads a
   * SecretBackend (get) only when adding or removing its finalizer meets a 409 Conflict
   * (ReconciliationDispatcher.CustomResourceFacade.conflictRetryingPatch in JOSDK 5.2.3).
   */
  private static final Set<String> CONDITIONAL = Set.of("get secretbackends");

  private static final String LEASE_NAMESPACE_FLAG =
      "--leader-election-namespace=" + ChartIdentity.NAMESPACE;

  private final KubernetesFixture kubernetes = new KubernetesFixture();
  private final OpenBaoFixture bao = new OpenBaoFixture(Clock.systemUTC());
  private RunningOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    bao.close();
    kubernetes.close();
  }

  /**
   * @param watched the operator's {@code --watch-namespaces}, and so the chart's {@code
   *     watchNamespaces}; empty for every namespace (the ClusterRole)
   */
  @ParameterizedTest(name = "watchNamespaces [{0}]")
  @ValueSource(strings = {"", "team-a,team-b"})
  void theOperatorUsesEveryRuleTheChartGrantsAndNothingElse(String watched) {
    String[] flags = {
      LEASE_NAMESPACE_FLAG, "--health-check-interval=2s", "--watch-namespaces=" + watched
    };
    ChartIdentity chart = OperatorChart.forFlags(flags);
    operator = RunningOperator.start(kubernetes, flags);

    aWholeBackendLife();

    Set<AccessLog.Use> uses = operator.apiUses();
    List<Grant> grants = grantsOf(chart);
    printSideBySide(watched, uses, grants);
    assertThat(uses).as("requests RBAC denied the operator").allMatch(AccessLog.Use::allowed);
    assertThat(uses)
        .as("requests no chart rule names")
        .allMatch(use -> grants.stream().anyMatch(grant -> grant.covers(use)));
    // By verb and resource: a Role in a watched namespace holding no backend yet is still needed.
    assertThat(grants)
        .as("chart rules the operator never used")
        .allMatch(
            grant ->
                uses.stream().anyMatch(grant::sameRequest)
                    || CONDITIONAL.contains(grant.verb() + " " + grant.resource()));
    if (!watched.isEmpty()) {
      assertThat(uses)
          .as("with watchNamespaces, requests outside the watched and the release namespace")
          .allMatch(
              use ->
                  use.namespace().isPresent()
                      && Set.of("team-a", "team-b", ChartIdentity.NAMESPACE)
                          .contains(use.namespace().get()));
    }
  }

  private void aWholeBackendLife() {
    IssuedToken first = bao.provision(NAMESPACE, "bao");
    kubernetes.createNamespace(NAMESPACE);
    kubernetes.createNamespace("team-b");
    kubernetes.createTokenSecret(NAMESPACE, "bao", bao.address(), first);
    // Pods that read the token through env, one under each kind of workload a rollout restarts.
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet")) {
      kubernetes.createConsumerWorkload(
          NAMESPACE, kind, kind.toLowerCase(Locale.ROOT), "bao-token");
    }
    SecretBackend backend = bao.rotatingBackend(NAMESPACE, "bao", "6s");
    ConsumersSpec consumers = new ConsumersSpec();
    consumers.setRestart(ConsumersSpec.RESTART_ROLLOUT);
    consumers.setMaxRevokeDelay("3s");
    backend.getSpec().getOpenbao().getAuth().getRotation().setConsumers(consumers);
    kubernetes.create(backend);
    // The first rotation at once, a scheduled one, the pods that held the first token restarted,
    // and that token revoked.
    await().atMost(Duration.ofSeconds(40)).until(() -> rotations() >= 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> !bao.isLive(first.clientToken()));
    assertThat(eventReasons()).contains("ConsumersRestarted");

    String request = "2030-01-01T00:00:00Z";
    kubernetes.requestRotation(NAMESPACE, "bao", request);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> request.equals(backend().getStatus().getTokenMeta().getHandledRotateRequest()));

    // Sealed, each rotation fails the same way: the first failure is an event, each repeat
    // raises its count.
    bao.standIn().seal();
    await().atMost(Duration.ofSeconds(60)).until(() -> repeatedEventCount() >= 2);
    bao.standIn().unseal();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ReadyReasons.TOKEN_VALID.equals(readyReason()));

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(NAMESPACE)
        .withName("bao")
        .delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> backend() == null);
    assertThat(bao.liveTokensOf("bao")).as("tokens the finalizer left alive").isEmpty();
  }

  private SecretBackend backend() {
    return kubernetes.get(NAMESPACE, "bao");
  }

  private String readyReason() {
    return backend().getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals(ReadyReasons.CONDITION_TYPE))
        .map(condition -> condition.getReason())
        .findFirst()
        .orElse("");
  }

  private int rotations() {
    return events().stream()
        .filter(event -> "Rotated".equals(event.getReason()))
        .mapToInt(event -> event.getCount() == null ? 1 : event.getCount())
        .sum();
  }

  private int repeatedEventCount() {
    return events().stream()
        .filter(event -> !"Rotated".equals(event.getReason()))
        .mapToInt(event -> event.getCount() == null ? 1 : event.getCount())
        .max()
        .orElse(0);
  }

  private List<String> eventReasons() {
    return events().stream().map(Event::getReason).toList();
  }

  private List<Event> events() {
    return kubernetes.client().v1().events().inNamespace(NAMESPACE).list().getItems();
  }

  /**
   * One verb on one resource that a Role or ClusterRole of the chart grants.
   *
   * @param namespace where a Role grants it; empty for the ClusterRole
   * @param resourceNames the rule's names, empty for any
   */
  private record Grant(
      String namespace, String verb, String apiGroup, String resource, List<String> resourceNames) {

    boolean covers(AccessLog.Use use) {
      return sameRequest(use)
          && (namespace.isEmpty() || use.namespace().equals(Optional.of(namespace)));
    }

    /** The same verb on the same resource, in whichever namespace. */
    boolean sameRequest(AccessLog.Use use) {
      return verb.equals(use.verb())
          && apiGroup.equals(use.apiGroup())
          && resource.equals(use.resource());
    }

    @Override
    public String toString() {
      return verb
          + " "
          + (apiGroup.isEmpty() ? "" : apiGroup + "/")
          + resource
          + (namespace.isEmpty() ? " (ClusterRole)" : " -n " + namespace + " (Role)")
          + (resourceNames.isEmpty() ? "" : " named " + resourceNames);
    }
  }

  private static List<Grant> grantsOf(ChartIdentity chart) {
    List<Grant> grants = new ArrayList<>();
    for (HasMetadata object : chart.objects()) {
      List<PolicyRule> rules;
      String namespace;
      if (object instanceof ClusterRole role) {
        rules = role.getRules();
        namespace = "";
      } else if (object instanceof Role role) {
        rules = role.getRules();
        namespace = role.getMetadata().getNamespace();
      } else {
        continue;
      }
      for (PolicyRule rule : rules) {
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String verb : rule.getVerbs()) {
              grants.add(new Grant(namespace, verb, group, resource, names));
            }
          }
        }
      }
    }
    return grants;
  }

  /** The figures for the closing note and the RBAC notes: what was used, what is granted. */
  private static void printSideBySide(String watched, Set<AccessLog.Use> uses, List<Grant> grants) {
    Set<String> used = new TreeSet<>();
    for (AccessLog.Use use : uses) {
      used.add(
          use.verb()
              + " "
              + (use.apiGroup().isEmpty() ? "" : use.apiGroup() + "/")
              + use.resource()
              + " -n "
              + use.namespace().orElse("*"));
    }
    System.out.printf(
        "ChartRbacIT [watchNamespaces=%s]%n  used:%n    %s%n  granted:%n    %s%n",
        watched,
        String.join("\n    ", used),
        String.join("\n    ", grants.stream().map(Grant::toString).toList()));
  }
}
