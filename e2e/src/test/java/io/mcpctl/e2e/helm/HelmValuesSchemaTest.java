package io.mcpctl.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** values.schema.json (and the chart's own checks) refuse bad values with a message naming them. */
class HelmValuesSchemaTest {

  @TempDir Path workDir;

  static Stream<Arguments> badValues() {
    return Stream.of(
        refused(
            "a misspelt top-level key",
            "replicas: 2",
            "at '': additional properties 'replicas' not allowed"),
        refused(
            "a misspelt key inside image",
            "image:\n  tagg: v1",
            "at '/image': additional properties 'tagg' not allowed"),
        refused(
            "a misspelt key inside prometheusRule",
            "prometheusRule:\n  enable: true",
            "at '/prometheusRule': additional properties 'enable' not allowed"),
        refused("zero replicas", "replicaCount: 0", "at '/replicaCount': minimum: got 0, want 1"),
        refused(
            "replicas as text",
            "replicaCount: \"two\"",
            "at '/replicaCount': got string, want integer"),
        refused(
            "an unknown pull policy",
            "image:\n  pullPolicy: Sometimes",
            "at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'"),
        refused(
            "a digest that is not sha256",
            "image:\n  digest: sha256:abc",
            "at '/image/digest': 'sha256:abc' does not match pattern"),
        refused(
            "an unknown log format",
            "logFormat: xml",
            "at '/logFormat': value must be one of 'json', 'text'"),
        refused(
            "a health-check interval that is not a Go duration",
            "healthCheckInterval: 1day",
            "at '/healthCheckInterval': '1day' does not match pattern"),
        refused(
            "leader election turned off behind the chart's back",
            "replicaCount: 2\nextraArgs: [\"--leader-election=false\"]",
            "extraArgs sets --leader-election, which the chart already sets; set"
                + " leaderElection.enabled instead."),
        refused(
            "leader election turned off in a block scalar, which ends in a newline",
            "replicaCount: 2\nextraArgs:\n  - |\n    --leader-election=false\n",
            "extraArgs sets --leader-election, which the chart already sets"),
        refused(
            "a health-check interval removed",
            "healthCheckInterval: null",
            "healthCheckInterval is required: give a Go duration of 1s or more"),
        refused(
            "a health-check interval longer than Go allows",
            "healthCheckInterval: 3000000h",
            "healthCheckInterval \"3000000h\" is longer than 2562047h"),
        refused(
            "a metrics port the probes would not follow, as a flag and its value",
            "extraArgs: [\"--metrics-port\", \"9999\"]",
            "extraArgs sets --metrics-port, which the chart already sets; set metrics.port"
                + " instead."),
        refused(
            "the Lease moved out of the namespace its Role covers",
            "extraEnv:\n  - name: MCPCTL_LEADER_ELECTION_NAMESPACE\n    value: kube-system",
            "extraEnv sets MCPCTL_LEADER_ELECTION_NAMESPACE, which the chart already sets; remove"
                + " it: the Lease lives in the release namespace"),
        refused(
            "JVM options past jvmOptions",
            "extraEnv:\n  - name: JDK_JAVA_OPTIONS\n    value: -Xmx64m",
            "extraEnv sets JDK_JAVA_OPTIONS, which the chart already sets; set jvmOptions"
                + " instead."),
        refused(
            "a health-check interval under a second, which the operator refuses at start",
            "healthCheckInterval: 500ms",
            "healthCheckInterval \"500ms\" is shorter than 1s, the least the operator accepts"),
        refused(
            "a mint timeout of nothing",
            "openBaoMintTimeout: 0.5s0ms",
            "openBaoMintTimeout \"0.5s0ms\" is shorter than 1s"),
        refused(
            "watchNamespaces given as one string",
            "watchNamespaces: team-a,team-b",
            "at '/watchNamespaces': got string, want array"),
        refused(
            "a watched namespace that is not a DNS label",
            "watchNamespaces: [Team_A]",
            "at '/watchNamespaces/0': 'Team_A' does not match pattern"),
        refused(
            "a watched namespace listed twice",
            "watchNamespaces: [team-a, team-a]",
            "at '/watchNamespaces': items at 0 and 1 are equal"),
        refused(
            "allowed OpenBao addresses given as one string",
            "allowedOpenBaoAddresses: https://a.example:8200,https://b.example:8200",
            "at '/allowedOpenBaoAddresses': got string, want array"),
        refused(
            "an allowed OpenBao address without a scheme",
            "allowedOpenBaoAddresses: [bao.example.com:8200]",
            "at '/allowedOpenBaoAddresses/0': 'bao.example.com:8200' does not match pattern"),
        refused(
            "a metrics port out of range",
            "metrics:\n  port: 70000",
            "at '/metrics/port': maximum: got 70,000, want 65,535"),
        refused(
            "no concurrent rotations",
            "maxConcurrentRotations: 0",
            "at '/maxConcurrentRotations': minimum: got 0, want 1"),
        refused(
            "a rotation rate of zero",
            "maxRotationsPerSecond: 0",
            "at '/maxRotationsPerSecond': minimum: got 0, want 1"),
        refused(
            "a fractional rotation rate, which the operator cannot parse",
            "maxRotationsPerSecond: 0.5",
            "at '/maxRotationsPerSecond': got number, want integer"),
        refused(
            "a memory limit in a unit Kubernetes does not know",
            "resources:\n  limits:\n    memory: 256MB",
            "at '/resources/limits/memory': '256MB' does not match pattern"),
        refused(
            "a scrape interval without a unit",
            "serviceMonitor:\n  interval: 30",
            "at '/serviceMonitor/interval': got number, want string"),
        refused(
            "an unknown metrics Service type",
            "metrics:\n  service:\n    type: ExternalName",
            "at '/metrics/service/type': value must be one of"),
        refused(
            "a misspelt key inside grafanaDashboard",
            "grafanaDashboard:\n  enable: true",
            "at '/grafanaDashboard': additional properties 'enable' not allowed"),
        refused(
            "a dashboard label value Kubernetes refuses",
            "grafanaDashboard:\n  labelValue: \"not a label\"",
            "at '/grafanaDashboard/labelValue': 'not a label' does not match pattern"),
        refused(
            "two replicas without leader election",
            "replicaCount: 2\nleaderElection:\n  enabled: false",
            "replicaCount above 1 needs leaderElection.enabled=true"),
        refused(
            "no ServiceAccount to run as",
            "serviceAccount:\n  create: false",
            "serviceAccount.name is required when serviceAccount.create is false"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @MethodSource("badValues")
  void refusesBadValues(String description, String valuesYaml, String expectedMessage) {
    assertThatThrownBy(() -> OperatorChart.renderInline(valuesYaml + "\n", workDir))
        .hasMessageContaining(expectedMessage);
  }

  @ParameterizedTest(name = "healthCheckInterval {0} is taken")
  @ValueSource(strings = {"1s", "1000ms", "0.5s500ms", "1h30m", "0.02m", "90s"})
  void takesDurationsOfASecondOrMoreInAnyForm(String interval) {
    RenderedChart chart =
        OperatorChart.renderInline("healthCheckInterval: \"" + interval + "\"\n", workDir);
    assertThat(chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers())
        .flatExtracting(container -> container.getEnv())
        .anySatisfy(
            variable -> {
              assertThat(variable.getName()).isEqualTo("MCPCTL_HEALTH_CHECK_INTERVAL");
              assertThat(variable.getValue()).isEqualTo(interval);
            });
  }

  @Test
  void passesExtraArgumentsAndVariablesTheChartDoesNotSet() {
    RenderedChart chart =
        OperatorChart.renderInline(
            "extraArgs: [\"--some-future-flag=1\"]\n"
                + "extraEnv:\n  - name: HTTPS_PROXY\n    value: http://proxy.example:3128\n",
            workDir);
    Container operator =
        chart.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getArgs()).containsExactly("--some-future-flag=1");
    assertThat(operator.getEnv())
        .anySatisfy(variable -> assertThat(variable.getName()).isEqualTo("HTTPS_PROXY"));
  }

  @Test
  void runsAsAnExistingServiceAccountWhenToldNotToCreateOne() {
    RenderedChart chart =
        OperatorChart.renderInline(
            "serviceAccount:\n  create: false\n  name: platform-sa\n", workDir);
    assertThat(chart.all(ServiceAccount.class)).isEmpty();
    PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("platform-sa");
    assertThat(chart.all(RoleBinding.class))
        .allSatisfy(
            binding ->
                assertThat(binding.getSubjects())
                    .singleElement()
                    .satisfies(subject -> assertThat(subject.getName()).isEqualTo("platform-sa")));
  }

  private static Arguments refused(String description, String valuesYaml, String message) {
    return Arguments.of(description, valuesYaml, message);
  }
}
