package io.mcpctl.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.api.v1alpha1.TokenMeta;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.wizard.WizardFixture;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.time.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code check} against the embedded Kubernetes API and the OpenBao stand-in. The operator's part
 * (its Lease, the backend's status) is written here as an operator would, so each problem can be
 * made on its own; the end-to-end test runs the real operator.
 */
class CheckIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static KubeFixture kube;
  private WizardFixture fixture;
  private KubernetesClient client;
  private final CliHarness harness = new CliHarness();
  private final List<CliHarness.Result> results = new ArrayList<>();

  @BeforeAll
  static void startKubernetes() {
    kube = KubeFixture.start();
    kube.client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(OperatorCheck.DEFAULT_NAMESPACE)
                .endMetadata()
                .build())
        .create();
  }

  @AfterAll
  static void stopKubernetes() {
    kube.close();
  }

  @BeforeEach
  void setUpABackendTheOperatorHasChecked() {
    fixture = new WizardFixture(kube, StandInOptions.defaults());
    client = kube.client();
    CliHarness.Result wizard = fixture.runWithRootToken(harness, "bao", "--yes");
    assertThat(wizard.exitCode()).as(wizard.toString()).isZero();
    writeStatusAsTheOperatorWould(Instant.now().plus(Duration.ofDays(30)));
    leaseRenewed(Instant.now());
  }

  @AfterEach
  void noCredentialLeaked() {
    fixture.assertAdminTokenLeakedNowhere();
    String token =
        new String(
            Base64.getDecoder()
                .decode(
                    client
                        .secrets()
                        .inNamespace(fixture.namespace)
                        .withName("bao-token")
                        .get()
                        .getData()
                        .get("token")),
            StandardCharsets.UTF_8);
    results.forEach(LeakCheck.of(token)::assertNotIn);
    fixture.close();
  }

  @Test
  void allIsWellWithAHeldLeaseAndAHealthyBackend() throws Exception {
    CliHarness.Result text = check();
    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.stdout())
        .contains("OK       api")
        .contains("holds Lease mcpctl-system/mcpctl-operator-leader")
        .contains(
            fixture.namespace
                + "/bao   Ready, token HEALTHY, expires in 29d, OpenBao unsealed, token rights as"
                + " the policy intends.")
        .endsWith("All is well.\n");

    CliHarness.Result json = check("-o", "json");
    JsonNode report = JSON.readTree(json.stdout());
    assertThat(report.path("healthy").asBoolean()).isTrue();
    assertThat(report.path("results")).hasSize(3);
    assertThat(report.path("results").get(2).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void aLeaseNobodyRenewsIsAStoppedOperator() {
    leaseRenewed(Instant.now().minusSeconds(60));

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("PROBLEM   operator")
        .containsPattern("last renewed Lease mcpctl-system/mcpctl-operator-leader 6\\ds ago")
        .contains("longer ago than the lease's 15s")
        .contains("not running or cannot reach the Kubernetes API");
    assertThat(result.stderr()).contains("1 problem found");
  }

  @Test
  void aLeaseGivenUpByAStoppingOperatorIsAStoppedOperatorAtOnce() {
    client
        .leases()
        .inNamespace(OperatorCheck.DEFAULT_NAMESPACE)
        .withName(OperatorCheck.DEFAULT_LEASE)
        .edit(
            lease -> {
              lease.getSpec().setLeaseDurationSeconds(1);
              lease.getSpec().setRenewTime(java.time.ZonedDateTime.now(ZoneOffset.UTC));
              return lease;
            });

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("released Lease mcpctl-system/mcpctl-operator-leader as it stopped");
  }

  @Test
  void aLeaseRenewedInTheFutureIsNoRunningOperator() {
    leaseRenewed(Instant.now().plus(Duration.ofDays(365 * 70)));

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("PROBLEM   operator")
        .contains("Lease mcpctl-system/mcpctl-operator-leader's renewal time lies in the future");
  }

  @Test
  void aLeaseNamedLikeTheOperatorsInATenantsNamespaceIsNotTakenForIt() {
    client
        .leases()
        .inNamespace(OperatorCheck.DEFAULT_NAMESPACE)
        .withName(OperatorCheck.DEFAULT_LEASE)
        .delete();
    // Whoever may create Leases in their own namespace writes one that looks held and fresh.
    client
        .leases()
        .inNamespace(fixture.namespace)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(OperatorCheck.DEFAULT_LEASE)
                .withNamespace(fixture.namespace)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("mcpctl-operator-7d9f-abc12345")
                .withLeaseDurationSeconds(15)
                .withRenewTime(java.time.ZonedDateTime.now(ZoneOffset.UTC))
                .endSpec()
                .build())
        .create();

    CliHarness.Result unnamed = check();
    CliHarness.Result named = check("--operator-namespace", fixture.namespace);

    assertThat(unnamed.exitCode()).as(unnamed.toString()).isEqualTo(1);
    assertThat(unnamed.stdout())
        .contains(
            "Lease "
                + fixture.namespace
                + "/mcpctl-operator-leader is named like the operator's but lies outside"
                + " mcpctl-system")
        .contains("pass --operator-namespace " + fixture.namespace + ".");
    assertThat(named.stdout())
        .contains("holds Lease " + fixture.namespace + "/mcpctl-operator-leader");
  }

  @Test
  void noLeaseAnywhereSaysToInstallTheOperator() {
    client
        .leases()
        .inNamespace(OperatorCheck.DEFAULT_NAMESPACE)
        .withName(OperatorCheck.DEFAULT_LEASE)
        .delete();

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("No operator Lease was found")
        .contains("--operator-lease");
  }

  @Test
  void aSealedOpenBaoIsAProblemSeenFromHere() {
    fixture.bao.seal();

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("OpenBao at " + fixture.bao.address().toString().replaceAll("/$", ""))
        .contains("is sealed");
    fixture.bao.unseal();
  }

  @Test
  void aTokenWhosePolicyWasRemovedIsNamedWithWhatItCanNoLongerDo() {
    String policy =
        client
            .resources(SecretBackend.class)
            .inNamespace(fixture.namespace)
            .withName("bao")
            .get()
            .getStatus()
            .getTokenMeta()
            .getPolicies()
            .stream()
            .filter(name -> !name.equals("default"))
            .findFirst()
            .orElseThrow();
    fixture.root().deletePolicy(policy);

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("The token may no longer read or create or update secrets")
        .contains("The token may not mint its successor through role");
  }

  @Test
  void aBackendWhoseCaBundleIsNoCertificateIsItsOwnProblemAndTheOthersAreStillChecked() {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bad-ca")
                .endMetadata()
                .addToStringData("ca.crt", "not a certificate")
                .build())
        .create();
    SecretBackend broken =
        client.resources(SecretBackend.class).inNamespace(fixture.namespace).withName("bao").get();
    broken.setMetadata(
        new ObjectMetaBuilder().withName("bad-ca").withNamespace(fixture.namespace).build());
    broken.setStatus(null);
    broken.getSpec().setDefault(false);
    broken.getSpec().getOpenbao().setAddress("https://127.0.0.1:8200");
    TlsSpec tls = new TlsSpec();
    SecretKeyRef ca = new SecretKeyRef();
    ca.setName("bad-ca");
    ca.setKey("ca.crt");
    tls.setCaSecretRef(ca);
    broken.getSpec().getOpenbao().setTls(tls);
    client.resource(broken).create();

    CliHarness.Result result = check();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .containsPattern("OK +" + fixture.namespace + "/bao +Ready, token HEALTHY")
        .containsPattern(
            "PROBLEM +"
                + fixture.namespace
                + "/bad-ca +Its spec cannot be used to reach OpenBao: The CA bundle is not valid"
                + " PEM; fix the SecretBackend");
    assertThat(result.stderr()).doesNotContain("Unexpected");
  }

  @Test
  void aTokenRunningOutIsAWarningWithItsRunway() {
    writeStatusAsTheOperatorWould(Instant.now().plus(Duration.ofDays(2)));

    CliHarness.Result result = check();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("Token WARNING, expires in 47h");
  }

  @Test
  void waitingGivesUpAtTheDeadlineAndSaysSo() {
    leaseRenewed(Instant.now().minusSeconds(60));

    CliHarness.Result result = check("--wait", "3s");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("still, after waiting 3s");
  }

  @Test
  void aCrdStoringAnotherVersionNamesBothVersions() {
    try (KubeFixture newer =
        KubeFixture.start(
            crd -> {
              crd.getSpec().getVersions().get(0).setName("v1beta1");
              return crd;
            })) {
      CliHarness.Result result = fixture.run(harness, concat("check", newer.flags("default")));
      results.add(result);

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stdout())
          .contains(
              "stores mcpctl.io/v1beta1 and does not serve mcpctl.io/v1alpha1, but this plugin"
                  + " speaks mcpctl.io/v1alpha1");
    }
  }

  private static String[] concat(String first, String[] rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private CliHarness.Result check(String... extra) {
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(List.of(extra));
    args.addAll(List.of(kube.flags(fixture.namespace)));
    CliHarness.Result result = fixture.run(harness, args.toArray(String[]::new));
    results.add(result);
    return result;
  }

  private void leaseRenewed(Instant at) {
    client
        .leases()
        .inNamespace(OperatorCheck.DEFAULT_NAMESPACE)
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(OperatorCheck.DEFAULT_LEASE)
                .withNamespace(OperatorCheck.DEFAULT_NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("mcpctl-operator-7d9f-abc12345")
                .withLeaseDurationSeconds(15)
                .withRenewTime(at.atZone(ZoneOffset.UTC))
                .withAcquireTime(at.atZone(ZoneOffset.UTC))
                .endSpec()
                .build())
        .createOr(existing -> existing.update());
  }

  private void writeStatusAsTheOperatorWould(Instant expiresAt) {
    SecretBackend backend =
        client.resources(SecretBackend.class).inNamespace(fixture.namespace).withName("bao").get();
    Instant now = Instant.now();
    TokenMeta meta = new TokenMeta();
    meta.setExpiresAt(Rfc3339.format(expiresAt));
    meta.setLastCheckedAt(Rfc3339.format(now));
    meta.setLastRotationAt(Rfc3339.format(now));
    meta.setNextRotationAt(Rfc3339.format(now.plus(Duration.ofDays(1))));
    meta.setRenewable(true);
    meta.setPolicies(List.of("default", "mcpctl-" + fixture.namespace + ".bao"));
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(backend.getMetadata().getGeneration());
    status.setTokenMeta(meta);
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("TokenHealthy")
                .withMessage("")
                .withLastTransitionTime(Rfc3339.format(now))
                .build());
    backend.setStatus(status);
    client.resource(backend).updateStatus();
  }
}
