package io.mcpctl.e2e.helm;

import static io.mcpctl.e2e.helm.OperatorChart.NAMESPACE;
import static io.mcpctl.e2e.helm.OperatorChart.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

/**
 * `helm lint` and `helm template` through helm-java, with assertions on the rendered objects. Each
 * scenario renders once (PER_CLASS); its tests only read the result.
 */
class HelmChartRenderTest {

  private static final String FULLNAME = "mcpctl-operator";
  private static final String LEASE = "mcpctl-operator-leader";

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class WithDefaultValues {

    private final RenderedChart chart = OperatorChart.render();

    @Test
    void lintsCleanInStrictMode(@TempDir Path workDir) {
      assertLintPasses(OperatorChart.lint(workDir));
    }

    @Test
    void rendersTheOperatorAndNothingOptional() {
      assertThat(chart.kinds())
          .containsExactlyInAnyOrder(
              "CustomResourceDefinition",
              "ServiceAccount",
              "ClusterRole",
              "ClusterRoleBinding",
              "Role",
              "RoleBinding",
              "Service",
              "Deployment");
      assertThat(chart.all(Role.class)).hasSize(1);
      assertThat(chart.all(RoleBinding.class)).hasSize(1);
    }

    @Test
    void includesTheSecretBackendCrd() {
      CustomResourceDefinition crd = chart.one(CustomResourceDefinition.class);
      assertThat(crd.getMetadata().getName()).isEqualTo("secretbackends.mcpctl.io");
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(crd.getSpec().getVersions())
          .anySatisfy(version -> assertThat(version.getName()).isEqualTo("v1alpha1"));
    }

    @Test
    void grantsExactlyTheWatchRulesClusterWide() {
      ClusterRole role = chart.one(ClusterRole.class);
      assertThat(RbacGrants.of(role.getRules()))
          .containsExactlyInAnyOrderElementsOf(RbacGrants.WATCHED_NAMESPACE_GRANTS);

      ClusterRoleBinding binding = chart.one(ClusterRoleBinding.class);
      assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
      assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
      assertBindsOnlyTheOperatorServiceAccount(binding.getSubjects());
    }

    @Test
    void grantsTheLeaseInTheReleaseNamespaceOnly() {
      Role role = chart.named(Role.class, NAMESPACE, FULLNAME + "-leader-election");
      assertThat(RbacGrants.of(role.getRules()))
          .containsExactlyInAnyOrderElementsOf(RbacGrants.leaderElectionGrants(LEASE));
      RoleBinding binding =
          chart.named(RoleBinding.class, NAMESPACE, FULLNAME + "-leader-election");
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
      assertBindsOnlyTheOperatorServiceAccount(binding.getSubjects());
      assertThat(env(operatorContainer(chart)))
          .containsEntry("MCPCTL_LEADER_ELECTION", "true")
          .containsEntry("MCPCTL_LEADER_ELECTION_NAMESPACE", NAMESPACE)
          .containsEntry("MCPCTL_LEADER_ELECTION_LEASE_NAME", LEASE);
    }

    @Test
    void explainsEveryRbacRuleWithAComment() {
      assertEveryRuleCommented(chart, chart.one(ClusterRole.class));
      assertEveryRuleCommented(chart, chart.all(Role.class).get(0));
    }

    @Test
    void runsHardened() {
      PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getEnableServiceLinks()).isFalse();
      assertThat(pod.getHostNetwork()).isNull();
      assertThat(pod.getHostPID()).isNull();

      Container container = operatorContainer(chart);
      assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getPrivileged()).isNull();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    }

    @Test
    void mountsOnlyAnEmptyDirForTmp() {
      PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes()).hasSize(1);
      assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
      assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit())
          .isEqualTo(new Quantity("64Mi"));
      assertThat(operatorContainer(chart).getVolumeMounts())
          .singleElement()
          .satisfies(
              mount -> {
                assertThat(mount.getName()).isEqualTo(pod.getVolumes().get(0).getName());
                assertThat(mount.getMountPath()).isEqualTo("/tmp");
              });
    }

    @Test
    void probesHealthAndReadinessOnTheMetricsPort() {
      Container container = operatorContainer(chart);
      assertThat(container.getPorts())
          .singleElement()
          .satisfies(
              port -> {
                assertThat(port.getName()).isEqualTo("metrics");
                assertThat(port.getContainerPort()).isEqualTo(8080);
              });
      assertHttpProbe(container.getLivenessProbe(), "/healthz");
      assertHttpProbe(container.getStartupProbe(), "/healthz");
      assertHttpProbe(container.getReadinessProbe(), "/readyz");
      assertThat(container.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
      assertThat(container.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
    }

    @Test
    void limitsMemoryAndRequestsCpuAndMemory() {
      Container container = operatorContainer(chart);
      assertThat(container.getResources().getRequests())
          .containsEntry("cpu", new Quantity("50m"))
          .containsEntry("memory", new Quantity("256Mi"));
      assertThat(container.getResources().getLimits())
          .containsEntry("memory", new Quantity("448Mi"));
    }

    @Test
    void configuresTheOperatorThroughTheContractsEnvironment() {
      Container container = operatorContainer(chart);
      assertThat(container.getImage()).isEqualTo("mcpctl/mcpctl-operator:0.1.0-SNAPSHOT");
      assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
      assertThat(container.getArgs()).isNullOrEmpty();

      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("MCPCTL_WATCH_NAMESPACES", "");
      expected.put("MCPCTL_METRICS_PORT", "8080");
      expected.put("MCPCTL_LEADER_ELECTION", "true");
      expected.put("MCPCTL_LEADER_ELECTION_NAMESPACE", NAMESPACE);
      expected.put("MCPCTL_LEADER_ELECTION_LEASE_NAME", LEASE);
      expected.put("MCPCTL_HEALTH_CHECK_INTERVAL", "1h");
      expected.put("MCPCTL_MAX_CONCURRENT_ROTATIONS", "4");
      expected.put("MCPCTL_MAX_ROTATIONS_PER_SECOND", "2");
      expected.put("MCPCTL_LOG_FORMAT", "json");
      expected.put("MCPCTL_OPENBAO_MINT_TIMEOUT", "100s");
      expected.put("MCPCTL_ALLOWED_OPENBAO_ADDRESSES", "");
      expected.put("JDK_JAVA_OPTIONS", ChartFiles.defaultJvmOptions());
      Map<String, String> env = env(container);
      env.remove("POD_NAMESPACE");
      env.remove("POD_NAME");
      assertThat(env).containsExactlyInAnyOrderEntriesOf(expected);
      assertThat(downwardApiField(container, "POD_NAMESPACE")).isEqualTo("metadata.namespace");
      assertThat(downwardApiField(container, "POD_NAME")).isEqualTo("metadata.name");
    }

    @Test
    void runsOneReplicaWithoutADisruptionBudget() {
      assertThat(chart.one(Deployment.class).getSpec().getReplicas()).isEqualTo(1);
      assertThat(chart.all(PodDisruptionBudget.class)).isEmpty();
    }

    @Test
    void runsAsItsOwnServiceAccount() {
      ServiceAccount account = chart.one(ServiceAccount.class);
      assertThat(account.getMetadata().getName()).isEqualTo(FULLNAME);
      assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec())
          .satisfies(pod -> assertThat(pod.getServiceAccountName()).isEqualTo(FULLNAME));
    }

    @Test
    void exposesMetricsThroughAServiceThatSelectsTheOperatorPods() {
      Service service = chart.one(Service.class);
      Deployment deployment = chart.one(Deployment.class);
      assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector());
      assertThat(deployment.getSpec().getSelector().getMatchLabels())
          .isEqualTo(service.getSpec().getSelector());
      assertThat(service.getSpec().getPorts())
          .singleElement()
          .satisfies(
              port -> {
                assertThat(port.getName()).isEqualTo("metrics");
                assertThat(port.getPort()).isEqualTo(8080);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
              });
    }

    @Test
    void labelsEveryObjectItRendersTheStandardWay() {
      assertStandardLabels(chart);
      Deployment deployment = chart.one(Deployment.class);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(standardLabels("operator"));
      assertThat(deployment.getSpec().getSelector().getMatchLabels())
          .doesNotContainKey("app.kubernetes.io/version");
    }

    @Test
    void placesEveryNamespacedObjectInTheReleaseNamespace() {
      for (HasMetadata object : chart.objects()) {
        boolean clusterScoped =
            object instanceof ClusterRole
                || object instanceof ClusterRoleBinding
                || object instanceof CustomResourceDefinition;
        assertThat(object.getMetadata().getNamespace())
            .as("namespace of %s %s", object.getKind(), object.getMetadata().getName())
            .isEqualTo(clusterScoped ? null : NAMESPACE);
      }
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class WithWatchedNamespaces {

    private final Path values = OperatorChart.testValues("values-watch-namespaces.yaml");
    private final RenderedChart chart = OperatorChart.render(values);

    @Test
    void lintsCleanInStrictMode(@TempDir Path workDir) {
      assertLintPasses(OperatorChart.lint(workDir, values));
    }

    @Test
    void grantsExactlyTheWatchRulesInEachWatchedNamespaceAndNothingClusterWide() {
      assertThat(chart.all(ClusterRole.class)).isEmpty();
      assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
      for (String namespace : List.of("team-a", "team-b")) {
        Role role = chart.named(Role.class, namespace, FULLNAME);
        assertThat(RbacGrants.of(role.getRules()))
            .as("rules in %s", namespace)
            .containsExactlyInAnyOrderElementsOf(RbacGrants.WATCHED_NAMESPACE_GRANTS);
        assertEveryRuleCommented(chart, role);
        RoleBinding binding = chart.named(RoleBinding.class, namespace, FULLNAME);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
        assertBindsOnlyTheOperatorServiceAccount(binding.getSubjects());
      }
      // The watched namespaces' Roles plus the leader-election Role, nothing else.
      assertThat(chart.all(Role.class)).hasSize(3);
      assertThat(chart.all(RoleBinding.class)).hasSize(3);
    }

    @Test
    void notesGiveTheNextStepsForAWatchedNamespace() {
      assertThat(OperatorChart.installNotes(values))
          .contains("watching SecretBackends in: team-a, team-b.")
          .contains("kubectl -n " + NAMESPACE + " rollout status deployment/" + FULLNAME)
          .contains("kubectl mcpctl version")
          .contains("kubectl mcpctl create secretbackend bao --type openbao --wizard -n team-a")
          .contains("mcpctl.io/skip-revoke-on-delete=true");
    }

    @Test
    void tellsTheOperatorWhichNamespacesToWatch() {
      assertThat(env(operatorContainer(chart)))
          .containsEntry("MCPCTL_WATCH_NAMESPACES", "team-a,team-b");
    }

    @Test
    void runsTwoReplicasWithADisruptionBudgetThatKeepsOneUp() {
      Deployment deployment = chart.one(Deployment.class);
      assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
      PodDisruptionBudget budget = chart.one(PodDisruptionBudget.class);
      assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
      assertThat(budget.getSpec().getSelector().getMatchLabels())
          .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void labelsEveryObjectItRendersTheStandardWay() {
      assertStandardLabels(chart);
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class WithoutRolloutRestarts {

    private final Path values = OperatorChart.testValues("values-no-rollout-restart.yaml");
    private final RenderedChart chart = OperatorChart.render(values);

    @Test
    void lintsCleanInStrictMode(@TempDir Path workDir) {
      assertLintPasses(OperatorChart.lint(workDir, values));
    }

    @Test
    void grantsTheWatchRulesWithoutPatchingWorkloads() {
      ClusterRole role = chart.one(ClusterRole.class);
      assertThat(RbacGrants.of(role.getRules()))
          .containsExactlyInAnyOrderElementsOf(RbacGrants.withoutRolloutRestarts());
      assertEveryRuleCommented(chart, role);
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class WithMonitoring {

    private final Path values = OperatorChart.testValues("values-monitoring.yaml");
    private final RenderedChart chart = OperatorChart.render(values);

    @Test
    void lintsCleanInStrictMode(@TempDir Path workDir) {
      assertLintPasses(OperatorChart.lint(workDir, values));
    }

    @Test
    void scrapesTheMetricsServiceThroughAServiceMonitor() {
      GenericKubernetesResource monitor = chart.generic("ServiceMonitor").get(0);
      Service service = chart.one(Service.class);
      assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
      Map<String, String> matchLabels = monitor.get("spec", "selector", "matchLabels");
      assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(matchLabels);
      assertThat(chart.all(Service.class)).hasSize(1);
      List<String> namespaces = monitor.get("spec", "namespaceSelector", "matchNames");
      assertThat(namespaces).containsExactly(NAMESPACE);
      List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
      assertThat(endpoints)
          .singleElement()
          .satisfies(
              endpoint ->
                  assertThat(endpoint)
                      .containsEntry("port", service.getSpec().getPorts().get(0).getName())
                      .containsEntry("path", "/metrics")
                      .containsEntry("honorLabels", true)
                      .containsEntry("interval", "1m")
                      .containsEntry("scrapeTimeout", "20s"));
    }

    @Test
    void alertsOnExpiringTokensFailingRotationsAndUnhealthyBackends() {
      GenericKubernetesResource rule = chart.generic("PrometheusRule").get(0);
      assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
      List<Map<String, Object>> alerts = alertRules(chart);
      Map<String, String> expressions = alertExpressions(chart);

      assertThat(expressions)
          .containsOnlyKeys(
              "McpctlSecretBackendTokenExpiringSoon",
              "McpctlSecretBackendRotationFailing",
              "McpctlSecretBackendStale",
              "McpctlSecretBackendError",
              "McpctlOperatorAbsent",
              "McpctlOperatorNotLeading");
      assertThat(expressions.get("McpctlSecretBackendTokenExpiringSoon"))
          .contains(OperatorMetricNames.TOKEN_EXPIRATION)
          .contains("time()")
          .contains("7 * 86400");
      assertThat(expressions.get("McpctlSecretBackendRotationFailing"))
          .contains(OperatorMetricNames.ROTATIONS_FAILED_SELECTOR)
          .contains("[6h]")
          .contains(">= 3");
      assertThat(expressions.get("McpctlSecretBackendStale"))
          .contains(OperatorMetricNames.HEALTH_STALE_SELECTOR);
      assertThat(expressions.get("McpctlSecretBackendError"))
          .contains(OperatorMetricNames.HEALTH_ERROR_SELECTOR);
      assertThat(expressions.get("McpctlOperatorAbsent"))
          .contains(
              "absent(up{job=\""
                  + chart.one(Service.class).getMetadata().getName()
                  + "\", namespace=\""
                  + NAMESPACE
                  + "\"} == 1)");
      assertThat(expressions.get("McpctlOperatorNotLeading"))
          .contains(
              "max("
                  + OperatorMetricNames.LEADER
                  + "{job=\""
                  + chart.one(Service.class).getMetadata().getName()
                  + "\", namespace=\""
                  + NAMESPACE
                  + "\"}) == 0");
      for (Map<String, Object> alert : alerts) {
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
        assertThat(labels).containsKey("severity").containsEntry("team", "platform");
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
        assertThat(annotations).containsKeys("summary", "description");
      }
      assertThat(chart.textOf(rule))
          .as("Prometheus templating survives Helm's in the per-backend alerts")
          .contains("SecretBackend {{ $labels.namespace }}/{{ $labels.name }} is STALE");
    }

    @Test
    void labelsEveryObjectItRendersTheStandardWay() {
      assertStandardLabels(chart);
    }
  }

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class WithEveryDeploymentSettingChanged {

    private final RenderedChart chart =
        OperatorChart.render(OperatorChart.testValues("values-wiring.yaml"));

    @Test
    void wiresImageArgsAndEnvironmentToTheValues() {
      Deployment deployment = chart.one(Deployment.class);
      Container container = operatorContainer(chart);
      assertThat(container.getImage())
          .isEqualTo("registry.example.test/platform/mcpctl-operator:1.2.3");
      assertThat(container.getImagePullPolicy()).isEqualTo("Always");
      assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
          .singleElement()
          .satisfies(secret -> assertThat(secret.getName()).isEqualTo("regcred"));
      assertThat(container.getArgs()).containsExactly("--example-flag=on");
      assertThat(env(container))
          .containsEntry("MCPCTL_METRICS_PORT", "9090")
          .containsEntry("MCPCTL_LEADER_ELECTION_LEASE_NAME", "mcpctl-lock")
          .containsEntry("MCPCTL_HEALTH_CHECK_INTERVAL", "30m")
          .containsEntry("MCPCTL_MAX_CONCURRENT_ROTATIONS", "8")
          .containsEntry("MCPCTL_MAX_ROTATIONS_PER_SECOND", "5")
          .containsEntry("MCPCTL_OPENBAO_MINT_TIMEOUT", "3m")
          .containsEntry(
              "MCPCTL_ALLOWED_OPENBAO_ADDRESSES",
              "https://bao.example.com:8200,https://gateway.example.com/vault")
          .containsEntry("MCPCTL_LOG_FORMAT", "text")
          .containsEntry("JDK_JAVA_OPTIONS", "-Xmx256m")
          .containsEntry("EXTRA_SETTING", "42");
      assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(9090);
      assertThat(container.getResources().getLimits())
          .containsEntry("memory", new Quantity("768Mi"));
    }

    @Test
    void grantsTheRenamedLease() {
      Role role = chart.named(Role.class, NAMESPACE, FULLNAME + "-leader-election");
      assertThat(RbacGrants.of(role.getRules()))
          .containsExactlyInAnyOrderElementsOf(RbacGrants.leaderElectionGrants("mcpctl-lock"));
    }

    @Test
    void pinsTheImageByDigestWhenOneIsGiven(@TempDir Path workDir) {
      String digest = "sha256:" + "0123456789abcdef".repeat(4);
      RenderedChart pinned =
          OperatorChart.renderInline("image:\n  digest: " + digest + "\n", workDir);
      assertThat(operatorContainer(pinned).getImage())
          .isEqualTo("mcpctl/mcpctl-operator@" + digest);
    }
  }

  @Nested
  class WithSettingsThatChangeWhatIsRendered {

    @Test
    void withoutLeaderElectionTheOldPodStopsBeforeTheNewOneStarts(@TempDir Path workDir) {
      RenderedChart alone =
          OperatorChart.renderInline("leaderElection:\n  enabled: false\n", workDir);
      assertThat(alone.one(Deployment.class).getSpec().getStrategy().getType())
          .isEqualTo("Recreate");
      assertThat(OperatorChart.render().one(Deployment.class).getSpec().getStrategy())
          .as("with a Lease, the default rolling update")
          .isNull();
    }

    @Test
    void theLongestFullnameStillMakesAValidServiceNameThatTheAbsentAlertWatches(
        @TempDir Path workDir) {
      String fullname = "a".repeat(63);
      RenderedChart chart =
          OperatorChart.renderInline(
              "fullnameOverride: "
                  + fullname
                  + "\nserviceMonitor:\n  enabled: true\nprometheusRule:\n  enabled: true\n",
              workDir);
      String service = chart.one(Service.class).getMetadata().getName();
      assertThat(service).hasSizeLessThanOrEqualTo(63).endsWith("-metrics");
      assertThat(alertExpressions(chart).get("McpctlOperatorAbsent"))
          .contains("up{job=\"" + service + "\"");
    }

    @Test
    void theAbsentAlertNeedsTheChartsServiceMonitor(@TempDir Path workDir) {
      RenderedChart chart =
          OperatorChart.renderInline("prometheusRule:\n  enabled: true\n", workDir);
      assertThat(alertExpressions(chart))
          .as("scraped some other way, its job's series never exists")
          .containsKey("McpctlSecretBackendError")
          .doesNotContainKeys("McpctlOperatorAbsent", "McpctlOperatorNotLeading");
    }

    @Test
    void aNetworkPolicyAdmitsOnlyTheGivenScrapersToTheOperatorsPort(@TempDir Path workDir) {
      RenderedChart open =
          OperatorChart.renderInline(
              "networkPolicy:\n  enabled: true\n  metricsFrom:\n    - namespaceSelector:\n"
                  + "        matchLabels:\n          kubernetes.io/metadata.name: monitoring\n",
              workDir);
      NetworkPolicy policy = open.one(NetworkPolicy.class);
      assertThat(policy.getSpec().getPodSelector().getMatchLabels())
          .isEqualTo(open.one(Deployment.class).getSpec().getSelector().getMatchLabels());
      assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
      assertThat(policy.getSpec().getIngress())
          .singleElement()
          .satisfies(
              rule -> {
                assertThat(rule.getFrom())
                    .singleElement()
                    .satisfies(
                        peer ->
                            assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .containsEntry("kubernetes.io/metadata.name", "monitoring"));
                assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("metrics"));
              });

      RenderedChart closed =
          OperatorChart.renderInline("networkPolicy:\n  enabled: true\n", workDir);
      assertThat(closed.one(NetworkPolicy.class).getSpec().getIngress())
          .as("nobody but the node, which a NetworkPolicy always admits")
          .isEmpty();
    }
  }

  /** The rules of the chart's PrometheusRule, in its one group. */
  private static List<Map<String, Object>> alertRules(RenderedChart chart) {
    GenericKubernetesResource rule = chart.generic("PrometheusRule").get(0);
    List<Map<String, Object>> groups = rule.get("spec", "groups");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> alerts = (List<Map<String, Object>>) groups.get(0).get("rules");
    return alerts;
  }

  /** Each alert's expression, by the alert's name. */
  private static Map<String, String> alertExpressions(RenderedChart chart) {
    Map<String, String> expressions = new LinkedHashMap<>();
    alertRules(chart)
        .forEach(alert -> expressions.put((String) alert.get("alert"), (String) alert.get("expr")));
    return expressions;
  }

  private static void assertLintPasses(LintResult result) {
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("lint findings other than the missing icon")
        .allSatisfy(message -> assertThat(message).contains("icon is recommended"));
  }

  private static Container operatorContainer(RenderedChart chart) {
    List<Container> containers =
        chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    container.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
    return env;
  }

  private static String downwardApiField(Container container, String variable) {
    EnvVar found =
        container.getEnv().stream()
            .filter(candidate -> candidate.getName().equals(variable))
            .findFirst()
            .orElseThrow(() -> new AssertionError(variable + " is not set"));
    return found.getValueFrom().getFieldRef().getFieldPath();
  }

  private static void assertHttpProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
  }

  private static void assertBindsOnlyTheOperatorServiceAccount(List<Subject> subjects) {
    assertThat(subjects)
        .singleElement()
        .satisfies(
            subject -> {
              assertThat(subject.getKind()).isEqualTo("ServiceAccount");
              assertThat(subject.getName()).isEqualTo(FULLNAME);
              assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
            });
  }

  private static final Pattern RULE_START = Pattern.compile("^\\s*- apiGroups:");

  /** Every rule in the rendered text sits right under a comment saying why it is there. */
  private static void assertEveryRuleCommented(RenderedChart chart, HasMetadata role) {
    List<String> lines = chart.textOf(role).lines().toList();
    int rules = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher ruleStart = RULE_START.matcher(lines.get(i));
      if (ruleStart.find()) {
        rules++;
        assertThat(lines.get(i - 1).strip())
            .as("line above rule '%s' in %s", lines.get(i).strip(), role.getMetadata().getName())
            .startsWith("#");
      }
    }
    assertThat(rules)
        .as("rules found in the text of %s", role.getMetadata().getName())
        .isPositive();
  }

  private static Map<String, String> standardLabels(String component) {
    return Map.of(
        "app.kubernetes.io/name",
        "mcpctl-operator",
        "app.kubernetes.io/instance",
        RELEASE,
        "app.kubernetes.io/version",
        ChartFiles.projectVersion(),
        "app.kubernetes.io/component",
        component,
        "app.kubernetes.io/part-of",
        "mcpctl",
        "app.kubernetes.io/managed-by",
        "Helm");
  }

  /** CRDs come verbatim from crds/ and carry no release labels; everything else does. */
  private static void assertStandardLabels(RenderedChart chart) {
    for (HasMetadata object : chart.objects()) {
      if (object instanceof CustomResourceDefinition) {
        continue;
      }
      String component =
          object instanceof Service || object instanceof GenericKubernetesResource
              ? "metrics"
              : "operator";
      assertThat(object.getMetadata().getLabels())
          .as("labels of %s %s", object.getKind(), object.getMetadata().getName())
          .containsAllEntriesOf(standardLabels(component))
          .containsKey("helm.sh/chart");
    }
  }
}
