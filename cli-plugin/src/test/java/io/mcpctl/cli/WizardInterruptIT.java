package io.mcpctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.wizard.WizardFixture;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard stopped by a signal (Ctrl-C, kill) after its mint: the token it minted is revoked and
 * nothing it wrote stays, as when a step fails.
 */
class WizardInterruptIT {

  @TempDir Path home;

  private KubeFixture kube;
  private WizardFixture fixture;

  @BeforeEach
  void start() {
    kube = KubeFixture.start();
    fixture = new WizardFixture(kube, StandInOptions.defaults());
  }

  @AfterEach
  void stop() {
    try {
      fixture.assertAdminTokenLeakedNowhere();
    } finally {
      fixture.close();
      kube.close();
    }
  }

  @Test
  void aSignalWhileTheMintedTokenIsVerifiedRevokesItAndLeavesNothing() {
    // The verification's KV write hangs, so the signal lands after the mint, mid-step.
    fixture
        .bao
        .faults()
        .add(Fault.on("POST", "secret/data/.*").delay(Duration.ofSeconds(5)).build());
    PluginProcess.Running wizard = startWizard();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !wizard.process().isAlive() || !mintedTokens().isEmpty());
    assertThat(wizard.process().isAlive()).as("%s", wizard).isTrue();
    assertThat(mintedTokens()).as("minted before the signal").hasSize(1);
    wizard.terminate();
    CliHarness.Result result = wizard.finish();

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr())
        .contains("Interrupted: undoing this run before exiting.")
        .contains("Cleaned up: the token minted in this run was revoked");
    assertThat(mintedTokens()).as("the minted token, revoked").isEmpty();
    assertThat(
            kube.client()
                .resources(SecretBackend.class)
                .inNamespace(fixture.namespace)
                .list()
                .getItems())
        .isEmpty();
    assertThat(kube.client().secrets().inNamespace(fixture.namespace).withName("bao-token").get())
        .isNull();
  }

  @Test
  void aSignalWhileOpenBaoIsSetUpEndsAfterTheStepAndSaysWhatItLeftThere() {
    // The token role's write hangs: the signal lands in the last OpenBao setup step.
    fixture
        .bao
        .faults()
        .add(Fault.on("POST", "auth/token/roles/.*").delay(Duration.ofSeconds(4)).times(1).build());
    PluginProcess.Running wizard = startWizard();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !wizard.process().isAlive() || fixture.bao.faults().active().isEmpty());
    assertThat(wizard.process().isAlive()).as("%s", wizard).isTrue();
    wizard.terminate();
    CliHarness.Result result = wizard.finish();

    String policy = NarrowAccess.defaultPolicyName(fixture.namespace, "bao");
    String role = NarrowAccess.defaultRoleName(fixture.namespace, "bao");
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr())
        .contains("Interrupted: stopping after the OpenBao step under way.")
        .contains(
            "note: this run created policy "
                + policy
                + ", token role "
                + role
                + " in OpenBao and leaves them there");
    assertThat(fixture.root().readTokenRole(role)).as("the step under way ended").isPresent();
    assertThat(fixture.bao.liveTokens()).filteredOn(token -> token.role().isPresent()).isEmpty();
    assertThat(
            kube.client()
                .resources(SecretBackend.class)
                .inNamespace(fixture.namespace)
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void aSignalWhileTheReplacedTokenIsRevokedWaitsForTheRevocation() {
    Path tokenFile = fixture.secretFile("admin-token", fixture.adminToken() + "\n");
    List<String> args = new ArrayList<>(List.of(fixture.wizard("bao")));
    args.addAll(List.of("--admin-token-file", tokenFile.toString(), "--yes"));
    CliHarness.Result first = PluginProcess.run(home, Map.of(), args.toArray(String[]::new));
    assertThat(first.exitCode()).as(first.toString()).isZero();
    // A live token that does not fit (no role, default policy) makes the re-run mint and replace
    // it.
    IssuedToken unfitToken =
        fixture.root().createToken(TokenCreateRequest.builder().ttl(Duration.ofHours(1)).build());
    VaultToken unfit = unfitToken.clientToken();
    kube.client()
        .secrets()
        .inNamespace(fixture.namespace)
        .withName("bao-token")
        .edit(
            secret -> {
              secret
                  .getData()
                  .put("token", Base64.getEncoder().encodeToString(unfit.reveal().getBytes(UTF_8)));
              return secret;
            });
    // Taken (and so no longer active) when the revocation arrives, which it then holds up: the
    // signal lands inside the revocation, not in the Kubernetes writes just before it.
    fixture
        .bao
        .faults()
        .add(
            Fault.on("POST", "auth/token/revoke-self")
                .delay(Duration.ofSeconds(4))
                .times(1)
                .build());

    PluginProcess.Running wizard = PluginProcess.start(home, Map.of(), args.toArray(String[]::new));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !wizard.process().isAlive() || fixture.bao.faults().active().isEmpty());
    assertThat(wizard.process().isAlive()).as("%s", wizard).isTrue();
    assertThat(heldToken()).as("stored before the revocation").isNotEqualTo(unfit.reveal());
    wizard.terminate();
    CliHarness.Result result = wizard.finish();

    assertThat(result.stderr())
        .contains("Interrupted: revoking the tokens the Secret held before, then exiting.");
    assertThat(fixture.bao.tokenByAccessor(unfitToken.accessor()))
        .as("the replaced token, revoked before the exit")
        .isEmpty();
    assertThat(heldToken()).as("the new token stays stored").isNotEqualTo(unfit.reveal());
  }

  private String heldToken() {
    return new String(
        Base64.getDecoder()
            .decode(
                kube.client()
                    .secrets()
                    .inNamespace(fixture.namespace)
                    .withName("bao-token")
                    .get()
                    .getData()
                    .get("token")),
        UTF_8);
  }

  private List<?> mintedTokens() {
    return fixture.bao.liveTokens().stream().filter(token -> token.role().isPresent()).toList();
  }

  /** The wizard for backend bao, in a process of its own, with the admin token from a file. */
  private PluginProcess.Running startWizard() {
    Path tokenFile = fixture.secretFile("admin-token", fixture.adminToken() + "\n");
    List<String> args = new ArrayList<>(List.of(fixture.wizard("bao")));
    args.addAll(List.of("--admin-token-file", tokenFile.toString(), "--yes"));
    return PluginProcess.start(home, Map.of(), args.toArray(String[]::new));
  }
}
