package io.mcpctl.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** describe against the embedded API: fetch the backend, its pods and its events. */
class DescribeSecretBackendIT {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static KubeFixture kube;
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
    client = kube.client();
    namespace = kube.newNamespace("describe");
    SecretBackend backend =
        BackendObjects.backend(
            namespace,
            "bao",
            BackendObjects.openBaoSpec(
                new BackendNames("bao"),
                new OpenBaoTarget("https://bao.example.com:8200", "secret", "mcpctl", false, false),
                Optional.of(new Rotation("mcpctl-bao-rotator", "24h", "10m", "2m")),
                true));
    SecretBackend created =
        client.resources(SecretBackend.class).inNamespace(namespace).resource(backend).create();
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    meta.setGeneratedAt("2025-06-01T09:00:00Z");
    meta.setLastRotationAt("2025-06-01T09:00:00Z");
    meta.setNextRotationAt("2025-06-02T09:00:00Z");
    meta.setExpiresAt("2025-07-01T09:00:00Z");
    meta.setPolicies(List.of("default", "mcpctl-bao"));
    meta.setLastRotationError("OpenBao answered 503 Vault is sealed");
    meta.setLastRotationErrorAt("2025-06-01T11:30:00Z");
    meta.setConsecutiveFailures(1);
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(ReadyReasons.CONDITION_TYPE)
                .withStatus("True")
                .withReason(ReadyReasons.ROTATION_FAILED)
                .withMessage("Rotation failed; the current token still works.")
                .withLastTransitionTime("2025-06-01T11:30:00Z")
                .build()));
    created.setStatus(status);
    client.resources(SecretBackend.class).inNamespace(namespace).resource(created).updateStatus();
    kube.createPodReadingTheToken(namespace, "web-1", "2025-05-31T08:00:00Z");
    kube.createPodReadingTheToken(namespace, "web-2", "2025-06-01T10:00:00Z");
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("bao.rotated")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("SecretBackend")
                .withName("bao")
                .withNamespace(namespace)
                .withApiVersion("mcpctl.io/v1alpha1")
                .endInvolvedObject()
                .withType("Warning")
                .withReason("RotationFailed")
                .withMessage("OpenBao answered 503 Vault is sealed")
                .withLastTimestamp("2025-06-01T11:30:00Z")
                .withCount(1)
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void textShowsHealthComputedNowThePodsHoldingThePreviousTokenAndTheEvents() {
    CliHarness.Result result = run("describe", "secretbackend", "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains(
            "Ready:                  True, RotationFailed since 2025-06-01T11:30:00Z (30m ago)\n")
        .contains("Token health:           WARNING\n")
        .contains(
            "  Last error:           OpenBao answered 503 Vault is sealed (2025-06-01T11:30:00Z (30m ago))\n")
        .contains("  Next rotation:        2025-06-02T09:00:00Z (in 21h)\n")
        .contains(
            "Consumers (pods that read the token Secret; 1 still holds the previous token:"
                + " restart it):\n")
        .contains(
            "  web-1   app         env        none (bare pod)   previous   2025-05-31T08:00:00Z"
                + " (28h ago)\n")
        .contains(
            "  web-2   app         env        none (bare pod)   current    2025-06-01T10:00:00Z"
                + " (120m ago)\n")
        .contains("  Warning   RotationFailed   30m   OpenBao answered 503 Vault is sealed\n");
  }

  @Test
  void jsonAndYamlParseAndCarryTheSameFacts() throws Exception {
    CliHarness.Result json = run("describe", "sb", "bao", "-o", "json");
    CliHarness.Result yaml = run("describe", "sb", "bao", "--output=yaml");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(yaml.exitCode()).as(yaml.toString()).isZero();
    JsonNode fromJson = new ObjectMapper().readTree(json.stdout());
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.stdout());
    assertThat(fromYaml).isEqualTo(fromJson);
    assertThat(fromJson.path("tokenHealth").path("health").asText()).isEqualTo("WARNING");
    assertThat(fromJson.path("consumers").get(0).path("pod").asText()).isEqualTo("web-1");
    assertThat(fromJson.path("consumers").get(0).path("token").asText()).isEqualTo("previous");
    assertThat(fromJson.path("events").get(0).path("reason").asText()).isEqualTo("RotationFailed");
  }

  @Test
  void describesTheSameWithTheClientBuiltAheadAsTheLauncherDoes() {
    CliHarness.Result ahead = run(harness().connectingAhead(), "describe", "secretbackend", "bao");
    CliHarness.Result without = run(harness(), "describe", "secretbackend", "bao");

    assertThat(ahead.exitCode()).as(ahead.toString()).isZero();
    assertThat(ahead.stdout()).contains("Token health:           WARNING\n");
    assertThat(ahead).isEqualTo(without);
  }

  /**
   * A client certificate goes the direct way with a key of its own; an exec credential plugin is a
   * form the direct reader declines, so fabric8's client answers: both describe the same.
   */
  @Test
  void describesTheSameWhetherTheKubeconfigIsReadDirectlyOrByFabric8() throws IOException {
    Path withCertificate =
        kube.api()
            .writeKubeconfigWithClientCertificate(
                kube.directory().resolve("certificate.kubeconfig"),
                "alice",
                List.of("system:masters"));
    Path withExecPlugin = execKubeconfig(client.getConfiguration().getOauthToken());
    CliHarness.Result usual = run("describe", "secretbackend", "bao");

    CliHarness.Result direct = runWith(withCertificate, "describe", "secretbackend", "bao");
    CliHarness.Result throughFabric8 = runWith(withExecPlugin, "describe", "secretbackend", "bao");

    assertThat(usual.stdout()).contains("Token health:           WARNING\n");
    assertThat(direct).isEqualTo(usual);
    assertThat(throughFabric8).isEqualTo(usual);
  }

  @Test
  void aTokenTheApiRefusesIsReportedInOneSentenceWithoutTheToken() throws IOException {
    String refused = "not-a-token-the-api-knows-0123456789";
    Path kubeconfig =
        kube.api().writeKubeconfig(kube.directory().resolve("refused.kubeconfig"), refused);

    CliHarness.Result result = runWith(kubeconfig, "describe", "secretbackend", "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("error: The Kubernetes API did not accept your credentials (")
        .endsWith("); log in again or pick another --context.\n")
        .doesNotContain(refused);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void anUnknownBackendIsNamedWithTheCommandThatListsThem() {
    CliHarness.Result result = run("describe", "secretbackend", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: SecretBackend nope not found in namespace "
                + namespace
                + "; list them with 'kubectl get secretbackends -n "
                + namespace
                + "'.\n");
  }

  private static CliHarness.Result run(String... args) {
    return run(harness(), args);
  }

  private static CliHarness.Result run(CliHarness harness, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(kube.flags(namespace)));
    return harness.run(all.toArray(String[]::new));
  }

  private static CliHarness.Result runWith(Path kubeconfig, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "-n", namespace));
    return harness().run(all.toArray(String[]::new));
  }

  /** A kubeconfig whose user is an exec credential plugin that hands out {@code token}. */
  private static Path execKubeconfig(String token) throws IOException {
    Path plugin = kube.directory().resolve("credential-plugin");
    Files.writeString(
        plugin,
        "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
            + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\""
            + token
            + "\"}}'\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    String usual = Files.readString(kube.kubeconfig());
    String withPlugin =
        usual.replaceFirst(
            "token: .*",
            "exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: "
                + plugin
                + "\n      interactiveMode: Never");
    return Files.writeString(kube.directory().resolve("exec.kubeconfig"), withPlugin);
  }

  private static CliHarness harness() {
    return new CliHarness().clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
