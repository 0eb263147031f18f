package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A failure on the Kubernetes side after the mint: the API server runs an older CRD that does not
 * accept {@code type: openbao}, so creating the SecretBackend is refused (422) after the token
 * Secret was written. The wizard must put the Secret back as it was and revoke what it minted.
 */
class WizardRollbackIT {

  private static KubeFixture kube;

  @BeforeAll
  static void startWithAnOlderCrd() {
    kube =
        KubeFixture.start(
            crd -> {
              JSONSchemaProps type =
                  crd.getSpec()
                      .getVersions()
                      .get(0)
                      .getSchema()
                      .getOpenAPIV3Schema()
                      .getProperties()
                      .get("spec")
                      .getProperties()
                      .get("type");
              type.setEnum(List.of(new com.fasterxml.jackson.databind.node.TextNode("kubernetes")));
              crd.getSpec()
                  .getVersions()
                  .get(0)
                  .getSchema()
                  .getOpenAPIV3Schema()
                  .getProperties()
                  .get("spec")
                  .setXKubernetesValidations(null);
              return crd;
            });
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aRefusedSecretBackendUndoesTheSecretAndRevokesTheMintedToken() {
    try (WizardFixture fixture = new WizardFixture(kube, StandInOptions.defaults())) {
      KubernetesClient client = kube.client();
      Secret before =
          client
              .secrets()
              .inNamespace(fixture.namespace)
              .resource(
                  BackendObjects.tokenSecret(
                      fixture.namespace,
                      new BackendNames("bao"),
                      TokenSecretBinding.Binding.rotated(
                          "bao", fixture.bao.address().toString(), TokenSecretBinding.TLS_SYSTEM),
                      VaultToken.of("s.AnOldTokenThatNoLongerWorks"),
                      Optional.empty()))
              .create();

      CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stdout())
          .contains("[6/8] First token ... minted")
          .contains("[7/8] Verify the token ... lookup-self ok")
          .contains("[8/8] Kubernetes objects ... failed");
      assertThat(result.stderr())
          .startsWith(
              "Cleaned up: the token minted in this run was revoked and this run's Kubernetes"
                  + " changes were undone.\n")
          .contains("error: The Kubernetes API rejected the object (")
          .contains("fix the flag it names and run again.\nnote: this run created policy ")
          .endsWith("' removes the policy.\n")
          .as("the role and policy it created are named with how to remove them")
          .contains("'bao delete auth/token/roles/");
      Secret after = client.secrets().inNamespace(fixture.namespace).withName("bao-token").get();
      assertThat(after.getData())
          .as("the Secret holds what it held before")
          .isEqualTo(before.getData());
      assertThat(after.getType()).isEqualTo(before.getType());
      assertThat(after.getMetadata().getAnnotations())
          .isEqualTo(before.getMetadata().getAnnotations());
      assertThat(
              client
                  .resources(SecretBackend.class)
                  .inNamespace(fixture.namespace)
                  .list()
                  .getItems())
          .isEmpty();
      assertThat(fixture.bao.liveTokens())
          .filteredOn(token -> token.role().isPresent())
          .extracting(TokenSnapshot::accessor)
          .as("the minted token is revoked")
          .isEmpty();
      LeakCheck leaks = LeakCheck.of(fixture.adminToken());
      leaks.assertNotIn(result);
      leaks.assertNowhere(client, fixture.namespace, kube.directory());
    }
  }

  @Test
  void aLegacyOpaqueSecretReplacedByTheRunIsRestoredExactlyWithItsType() {
    try (WizardFixture fixture = new WizardFixture(kube, StandInOptions.defaults())) {
      KubernetesClient client = kube.client();
      Secret before =
          client
              .secrets()
              .inNamespace(fixture.namespace)
              .resource(
                  new SecretBuilder()
                      .withNewMetadata()
                      .withName("bao-token")
                      .addToLabels(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE)
                      .addToLabels("team", "payments")
                      .addToAnnotations("mcpctl.io/rotated-at", "2026-12-01T10:00:00Z")
                      .endMetadata()
                      .withType("Opaque")
                      .addToStringData("token", "s.AnOldTokenThatNoLongerWorks")
                      .addToStringData("accessor", "old-accessor")
                      .build())
              .create();

      CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stdout()).contains("[8/8] Kubernetes objects ... failed");
      assertThat(result.stderr())
          .startsWith(
              "Cleaned up: the token minted in this run was revoked and this run's Kubernetes"
                  + " changes were undone.\n");
      Secret after = client.secrets().inNamespace(fixture.namespace).withName("bao-token").get();
      assertThat(after.getType()).as("the Opaque Secret is back").isEqualTo("Opaque");
      assertThat(after.getData()).isEqualTo(before.getData());
      assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
      assertThat(after.getMetadata().getAnnotations())
          .isEqualTo(before.getMetadata().getAnnotations());
      assertThat(fixture.bao.liveTokens())
          .filteredOn(token -> token.role().isPresent())
          .as("the minted token is revoked")
          .isEmpty();
      LeakCheck.of(fixture.adminToken()).assertNotIn(result);
    }
  }

  /**
   * The same refusal for a user who may write Secrets but not delete them: the Secret the run
   * created cannot be taken back, so it keeps the minted token, which must then stay alive rather
   * than leave the Secret holding a revoked one.
   */
  @Test
  void aSecretThatCannotBeTakenBackKeepsALiveToken() {
    try (WizardFixture fixture = new WizardFixture(kube, StandInOptions.defaults())) {
      KubernetesClient client = kube.client();
      client
          .rbac()
          .roles()
          .inNamespace(fixture.namespace)
          .resource(
              new RoleBuilder()
                  .withNewMetadata()
                  .withName("wizard-without-delete")
                  .endMetadata()
                  .addToRules(
                      new PolicyRuleBuilder()
                          .withApiGroups("")
                          .withResources("secrets")
                          .withVerbs("get", "list", "watch", "create", "update", "patch")
                          .build(),
                      new PolicyRuleBuilder()
                          .withApiGroups("mcpctl.io")
                          .withResources("secretbackends")
                          .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                          .build())
                  .build())
          .create();
      client
          .rbac()
          .roleBindings()
          .inNamespace(fixture.namespace)
          .resource(
              new RoleBindingBuilder()
                  .withNewMetadata()
                  .withName("wizard-without-delete")
                  .endMetadata()
                  .withNewRoleRef("rbac.authorization.k8s.io", "Role", "wizard-without-delete")
                  .addNewSubject()
                  .withKind("ServiceAccount")
                  .withName("wizard")
                  .withNamespace(fixture.namespace)
                  .endSubject()
                  .build())
          .create();
      Path kubeconfig =
          kube.api()
              .writeKubeconfig(
                  kube.directory().resolve(fixture.namespace + "-wizard.kubeconfig"),
                  kube.api().serviceAccountToken(fixture.namespace, "wizard"));
      String[] args = fixture.wizard("bao", "--admin-token-file", rootTokenFile(fixture));
      args[Arrays.asList(args).indexOf("--kubeconfig") + 1] = kubeconfig.toString();

      CliHarness.Result result = fixture.run(new CliHarness(), args);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.stdout()).contains("[8/8] Kubernetes objects ... failed");
      assertThat(result.stderr())
          .contains(
              "Kept: Secret bao-token could not be put back as it was and still holds the token"
                  + " minted in this run, so that token was not revoked.")
          .contains(
              "cleaning up also failed, fix by hand: Could not delete Secret bao-token: The"
                  + " Kubernetes API refused the request (secrets \"bao-token\" is forbidden: ")
          .contains(
              "cannot delete resource \"secrets\" in API group \"\" in the namespace \""
                  + fixture.namespace
                  + "\"); ask for the permission it names (RBAC) or use another --context.");
      Secret kept = client.secrets().inNamespace(fixture.namespace).withName("bao-token").get();
      String keptAccessor = BackendObjects.decoded(kept, TokenSecretKeys.ACCESSOR).orElseThrow();
      assertThat(fixture.bao.liveTokens())
          .filteredOn(token -> token.role().isPresent())
          .extracting(TokenSnapshot::accessor)
          .as("the token the Secret holds is alive")
          .containsExactly(keptAccessor);
      LeakCheck.of(fixture.adminToken()).assertNotIn(result);
    }
  }

  private static String rootTokenFile(WizardFixture fixture) {
    return fixture.secretFile("admin-token", fixture.adminToken() + "\n").toString();
  }
}
