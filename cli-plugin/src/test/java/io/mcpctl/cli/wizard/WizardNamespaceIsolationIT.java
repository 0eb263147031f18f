package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One OpenBao shared by backends of the same name in different namespaces: each gets its own policy
 * and role, its token reaches only its namespace's secrets, and no wizard run for one backend
 * rewrites or borrows what belongs to another (issue 20, defects 1 and 2).
 */
class WizardNamespaceIsolationIT {

  private static KubeFixture kube;
  private WizardFixture fixture;
  private KubernetesClient client;

  @BeforeAll
  static void startKubernetes() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stopKubernetes() {
    kube.close();
  }

  @BeforeEach
  void startOpenBao() {
    fixture = new WizardFixture(kube, StandInOptions.defaults());
    client = kube.client();
  }

  @AfterEach
  void noAdminTokenAnywhereThenStopOpenBao() {
    try {
      fixture.assertAdminTokenLeakedNowhere();
    } finally {
      fixture.close();
    }
  }

  @Test
  void thePromotedBackendsSummaryNeverSendsAnUnboundSecretOfThePreviousDefaultAnywhere()
      throws IOException {
    List<String> stolen = new CopyOnWriteArrayList<>();
    HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    attacker.createContext(
        "/",
        exchange -> {
          stolen.add(exchange.getRequestHeaders().getFirst("X-Vault-Token") + "");
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    attacker.start();
    try {
      client
          .secrets()
          .inNamespace(fixture.namespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("app-db")
                  .endMetadata()
                  .addToStringData("password", "hunter2-database-password")
                  .build())
          .create();
      SecretBackend evil =
          BackendObjects.backend(
              fixture.namespace,
              "evil",
              BackendObjects.openBaoSpec(
                  new BackendNames("evil"),
                  new BackendObjects.OpenBaoTarget(
                      "http://127.0.0.1:" + attacker.getAddress().getPort(),
                      "secret",
                      "mcpctl",
                      false,
                      false),
                  Optional.empty(),
                  true));
      evil.getSpec()
          .getOpenbao()
          .getAuth()
          .setTokenSecretRef(new SecretKeyRef("app-db", "password"));
      client.resource(evil).create();

      CliHarness.Result run = fixture.runWithRootToken(new CliHarness(), "bao");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).contains("The previous default backend 'evil' may hold MCP secrets");
      assertThat(stolen).as("requests that reached the previous default's address").isEmpty();
    } finally {
      attacker.stop(0);
    }
  }

  @Test
  void backendBaoInDefaultAndInTeamBGetTwoPoliciesAndTwoRolesAndReadOnlyTheirOwnSecrets() {
    createNamespaceIfAbsent("team-b");

    CliHarness.Result inDefault = fixture.runWithRootTokenIn("default", new CliHarness(), "bao");
    CliHarness.Result inTeamB = fixture.runWithRootTokenIn("team-b", new CliHarness(), "bao");

    assertThat(inDefault.exitCode()).as(inDefault.toString()).isZero();
    assertThat(inTeamB.exitCode()).as(inTeamB.toString()).isZero();
    assertThat(inDefault.stdout())
        .contains("[4/8] Policy mcpctl-default.bao ... created")
        .contains("[5/8] Token role mcpctl-default.bao-rotator ... created");
    assertThat(inTeamB.stdout())
        .contains("[4/8] Policy mcpctl-team-b.bao ... created")
        .contains("[5/8] Token role mcpctl-team-b.bao-rotator ... created");
    assertThat(
            fixture
                .root()
                .readTokenRole("mcpctl-default.bao-rotator")
                .orElseThrow()
                .allowedPolicies())
        .containsExactly("mcpctl-default.bao");
    assertThat(
            fixture
                .root()
                .readTokenRole("mcpctl-team-b.bao-rotator")
                .orElseThrow()
                .allowedPolicies())
        .containsExactly("mcpctl-team-b.bao");
    fixture.root().kv("secret").put("mcpctl/team-b/payroll", Map.of("iban", "DE00 1234"));
    KvV2 asDefault = fixture.root().withToken(tokenOf("default")).kv("secret");
    KvV2 asTeamB = fixture.root().withToken(tokenOf("team-b")).kv("secret");

    assertThatThrownBy(() -> asDefault.get("mcpctl/team-b/payroll"))
        .isInstanceOfSatisfying(
            PermissionDeniedException.class, denied -> assertThat(denied.status()).isEqualTo(403));
    assertThat(asTeamB.get("mcpctl/team-b/payroll").data()).containsEntry("iban", "DE00 1234");

    String defaultPolicy = fixture.root().readPolicy("mcpctl-default.bao").orElseThrow().policy();
    CliHarness.Result again =
        fixture.runWithRootTokenIn("team-b", new CliHarness(), "bao", "--yes");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(fixture.root().readPolicy("mcpctl-default.bao").orElseThrow().policy())
        .as("a re-run for team-b/bao leaves default/bao's policy alone")
        .isEqualTo(defaultPolicy);
    asDefault.put("mcpctl/default/github", Map.of("token", "t"));
    assertThat(asDefault.get("mcpctl/default/github").data())
        .as("default/bao's token still reaches its own folder")
        .containsEntry("token", "t");
  }

  @Test
  void aPolicyThatAnotherNamespacesBackendOwnsIsRefusedEvenWithYesNamingTheOwner() {
    String other = kube.newNamespace("team");
    String mine = kube.newNamespace("team");
    CliHarness.Result theirs = fixture.runWithRootTokenIn(other, new CliHarness(), "bao");
    assertThat(theirs.exitCode()).as(theirs.toString()).isZero();
    String theirPolicy = NarrowAccess.defaultPolicyName(other, "bao");
    String before = fixture.root().readPolicy(theirPolicy).orElseThrow().policy();

    CliHarness.Result refused =
        fixture.runWithRootTokenIn(
            mine, new CliHarness(), "bao", "--policy-name", theirPolicy, "--yes");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout()).contains("[4/8] Policy " + theirPolicy + " ... failed");
    assertThat(refused.stderr())
        .isEqualTo(
            "error: Policy "
                + theirPolicy
                + " belongs to SecretBackend "
                + other
                + "/bao; pick another --policy-name.\n");
    assertThat(fixture.root().readPolicy(theirPolicy).orElseThrow().policy()).isEqualTo(before);
    assertNoBackendIn(mine);
  }

  @Test
  void aTokenRoleThatMintsAnotherBackendsPolicyIsRefusedNamingTheOwner() {
    String other = kube.newNamespace("team");
    String mine = kube.newNamespace("team");
    CliHarness.Result theirs = fixture.runWithRootTokenIn(other, new CliHarness(), "bao");
    assertThat(theirs.exitCode()).as(theirs.toString()).isZero();
    String theirRole = NarrowAccess.defaultRoleName(other, "bao");

    CliHarness.Result refused =
        fixture.runWithRootTokenIn(
            mine, new CliHarness(), "bao", "--token-role", theirRole, "--yes");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout()).contains("[5/8] Token role " + theirRole + " ... failed");
    assertThat(refused.stderr())
        .isEqualTo(
            "error: Token role "
                + theirRole
                + " belongs to SecretBackend "
                + other
                + "/bao (it mints tokens with that backend's policy "
                + NarrowAccess.defaultPolicyName(other, "bao")
                + "); pick another --token-role.\n"
                + "note: this run created policy "
                + NarrowAccess.defaultPolicyName(mine, "bao")
                + " in OpenBao and leaves it there; running the wizard again uses it; 'bao policy"
                + " delete "
                + NarrowAccess.defaultPolicyName(mine, "bao")
                + "' removes the policy.\n");
    assertThat(fixture.bao.liveTokens())
        .filteredOn(token -> token.role().isPresent())
        .extracting(TokenSnapshot::role)
        .as("only the other backend's token was minted")
        .containsOnly(Optional.of(theirRole));
    assertNoBackendIn(mine);
  }

  private VaultToken tokenOf(String namespace) {
    Secret secret = client.secrets().inNamespace(namespace).withName("bao-token").get();
    return VaultToken.of(BackendObjects.decoded(secret, "token").orElseThrow());
  }

  private void assertNoBackendIn(String namespace) {
    assertThat(client.resources(SecretBackend.class).inNamespace(namespace).list().getItems())
        .isEmpty();
    assertThat(client.secrets().inNamespace(namespace).withName("bao-token").get()).isNull();
  }

  private void createNamespaceIfAbsent(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }
}
