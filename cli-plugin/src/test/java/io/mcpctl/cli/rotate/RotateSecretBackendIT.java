package io.mcpctl.cli.rotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
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
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * rotate only signals: it sets the annotation and waits for the operator, whose part the test plays
 * by writing status as the operator would.
 */
class RotateSecretBackendIT {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String REQUEST = "2025-06-01T12:00:00Z";

  private static KubeFixture kube;
  private static OpenBaoStandIn bao;
  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
    bao = OpenBaoStandIn.start(StandInOptions.defaults());
  }

  @AfterAll
  static void stop() {
    bao.close();
    kube.close();
  }

  @BeforeEach
  void newNamespace() {
    client = kube.client();
    namespace = kube.newNamespace("rotate");
    bao.requestLog().clear();
  }

  @AfterEach
  void rotateNeverTalksToOpenBao() {
    assertThat(bao.requestLog().entries()).as("rotate never touches OpenBao").isEmpty();
  }

  @Test
  void rotateWaitsUntilTheOperatorHandledTheRequestAndPrintsTheNewTimestamps() {
    create("bao", true);

    CompletableFuture<CliHarness.Result> running = runAsync("rotate", "secretbackend", "bao");
    awaitRequest("bao");
    operatorReports(
        "bao",
        meta -> {
          meta.setGeneratedAt("2025-06-01T12:00:02Z");
          meta.setLastRotationAt("2025-06-01T12:00:02Z");
          meta.setNextRotationAt("2025-06-02T12:04:00Z");
          meta.setExpiresAt("2025-07-01T12:00:02Z");
        });
    CliHarness.Result result = running.join();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            """
            secretbackend/bao rotation requested (mcpctl.io/rotate-requested-at=2025-06-01T12:00:00Z)
            secretbackend/bao rotated: new token generated 2025-06-01T12:00:02Z (in 2s), next rotation 2025-06-02T12:04:00Z (in 24h), expires 2025-07-01T12:00:02Z (in 30d)
            """);
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void aFailedRotationIsReportedWithTheOperatorsErrorAndExitCodeOne() {
    create("bao", true);

    CompletableFuture<CliHarness.Result> running = runAsync("rotate", "sb", "bao");
    awaitRequest("bao");
    operatorReports(
        "bao",
        meta -> {
          meta.setLastRotationError("OpenBao denied POST auth/token/create/mcpctl-bao-rotator");
          meta.setLastRotationErrorAt("2025-06-01T12:00:01Z");
          meta.setConsecutiveFailures(2);
        },
        readyCondition("True", ReadyReasons.ROTATION_FAILED));
    CliHarness.Result result = running.join();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains(
            "secretbackend/bao rotation failed: OpenBao denied POST"
                + " auth/token/create/mcpctl-bao-rotator (2 failures in a row; the current token"
                + " still works)\n");
    assertThat(result.stderr())
        .isEqualTo(
            "error: 1 of 1 rotation did not succeed; see the lines above and 'kubectl mcpctl"
                + " describe secretbackend NAME'.\n");
  }

  @Test
  void withoutTheOperatorTheWaitEndsAtTheTimeoutWithWhatToCheck() {
    create("bao", true);

    CliHarness.Result result = run("rotate", "secretbackend", "bao", "--timeout", "1s");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains(
            "secretbackend/bao: the operator did not act on the request within 1s; check that the"
                + " operator is running (kubectl mcpctl describe secretbackend bao shows its last"
                + " status), or wait longer with --timeout\n");
    assertThat(annotation("bao")).contains(REQUEST);
  }

  @Test
  void noWaitSetsTheAnnotationAndReturns() {
    create("bao", true);

    CliHarness.Result result = run("rotate", "secretbackend", "bao", "--no-wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "secretbackend/bao rotation requested (mcpctl.io/rotate-requested-at=2025-06-01T12:00:00Z)\n");
    assertThat(annotation("bao")).contains(REQUEST);
  }

  @Test
  void aRequestWhilePodsHoldAPreviousTokenExpectsNoWait() {
    create("bao", true);
    previousTokensWaiting(
        ReadyReasons.HELD_FOR_CONSUMERS,
        "1 replaced token waits for revocation: previous-token at 2025-06-01T12:50:00Z unless the"
            + " pods holding it move sooner.");

    CliHarness.Result result = run("rotate", "secretbackend", "bao", "--no-wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).doesNotContain("waits");
  }

  @Test
  void aRequestWhileEverySlotIsTakenSaysWhatTheOperatorWaitsForAndATimeoutSaysItAgain() {
    create("bao", true);
    String why =
        "5 replaced tokens wait for revocation: previous-token at 2025-06-01T12:01:30Z, [...]. All"
            + " 5 slots are taken: the next rotation waits until 2025-06-01T12:01:30Z (rotate"
            + " --revoke-previous revokes them now).";
    previousTokensWaiting(ReadyReasons.ALL_SLOTS_TAKEN, why);

    CliHarness.Result result = run("rotate", "secretbackend", "bao", "--timeout", "1s");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stdout())
        .contains("secretbackend/bao: the operator waits: " + why + "\n")
        .contains(
            "secretbackend/bao: the operator did not act on the request within 1s: "
                + why
                + " Wait longer with --timeout.\n")
        .doesNotContain("check that the operator is running");
  }

  @Test
  void revokePreviousAsksForBothAndWaitsForNothing() {
    create("bao", true);
    previousTokensWaiting(ReadyReasons.ALL_SLOTS_TAKEN, "All 5 slots are taken.");

    CliHarness.Result result =
        run("rotate", "secretbackend", "bao", "--revoke-previous", "--no-wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).doesNotContain("waits");
    Map<String, String> annotations =
        client
            .resources(SecretBackend.class)
            .inNamespace(namespace)
            .withName("bao")
            .get()
            .getMetadata()
            .getAnnotations();
    assertThat(annotations.get(SecretBackend.REVOKE_PREVIOUS_REQUESTED_AT_ANNOTATION))
        .isNotNull()
        .isEqualTo(annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION));
  }

  @Test
  void dryRunChangesNothing() {
    create("bao", true);
    create("other", true);

    CliHarness.Result result = run("rotate", "secretbackend", "--all", "--dry-run");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            """
            secretbackend/bao would be asked to rotate (dry run)
            secretbackend/other would be asked to rotate (dry run)
            """);
    assertThat(annotation("bao")).isEmpty();
    assertThat(annotation("other")).isEmpty();
  }

  @Test
  void allAndSelectorPickRotatableBackendsAndSkipTheRest() {
    create("bao", true);
    create("static", false);
    client
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bao")
        .edit(
            backend -> {
              backend.getMetadata().setLabels(Map.of("team", "a"));
              return backend;
            });
    create("unlabelled", true);

    CliHarness.Result all = run("rotate", "secretbackend", "--all", "--no-wait");
    CliHarness.Result selected =
        run("rotate", "secretbackend", "-l", "team=a", "--no-wait", "--dry-run");

    assertThat(all.stdout())
        .contains("secretbackend/bao rotation requested")
        .contains("secretbackend/static skipped: no rotated token (rotation is off)")
        .contains("secretbackend/unlabelled rotation requested");
    assertThat(annotation("static")).isEmpty();
    assertThat(selected.stdout())
        .isEqualTo("secretbackend/bao would be asked to rotate (dry run)\n");
  }

  @Test
  void anEmptySelectorIsAUsageErrorNotEveryBackendInEveryNamespace() {
    create("bao", true);
    String otherNamespace = kube.newNamespace("rotate-other");
    createIn(otherNamespace, "bao", true);

    CliHarness.Result empty =
        run("rotate", "secretbackend", "-l", "", "-A", "--revoke-previous", "--no-wait");
    CliHarness.Result blank = run("rotate", "secretbackend", "--selector= ", "--no-wait");
    CliHarness.Result noName = run("rotate", "secretbackend", "", "--no-wait");

    for (CliHarness.Result result : List.of(empty, blank)) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr())
          .isEqualTo(
              "error: -l needs a label selector such as team=a, not an empty one, which would"
                  + " select every SecretBackend; pass --all to mean that; run 'kubectl mcpctl"
                  + " rotate secretbackend --help' for usage.\n");
    }
    assertThat(noName.exitCode()).as(noName.toString()).isEqualTo(2);
    assertThat(noName.stderr())
        .startsWith("error: The SecretBackend's name is empty; name one, or pass --all or -l;");
    assertThat(annotation("bao")).isEmpty();
    assertThat(annotationIn(otherNamespace, "bao")).isEmpty();
  }

  @Test
  void allNamespacesReachesEveryNamespaceAndNamesThem() {
    create("bao", true);
    String otherNamespace = kube.newNamespace("rotate-other");
    createIn(otherNamespace, "bao", true);

    CliHarness.Result result = run("rotate", "secretbackend", "--all", "-A", "--dry-run");

    assertThat(result.stdout())
        .contains("secretbackend/bao (namespace " + namespace + ") would be asked to rotate")
        .contains("secretbackend/bao (namespace " + otherNamespace + ") would be asked to rotate");
  }

  @Test
  void aNamespaceThatRefusesTheRequestKeepsNoOtherFromBeingAsked() {
    create("bao", true);
    String refusing = kube.newNamespace("rotate-refusing");
    createIn(refusing, "bao", true);
    // bob may list backends everywhere but ask for rotations only in this test's namespace.
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("read-backends-" + namespace)
                .endMetadata()
                .addNewRule()
                .withApiGroups("mcpctl.io")
                .withResources("secretbackends")
                .withVerbs("get", "list")
                .endRule()
                .build())
        .create();
    client
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("read-backends-" + namespace)
                .endMetadata()
                .withNewRoleRef(
                    "rbac.authorization.k8s.io", "ClusterRole", "read-backends-" + namespace)
                .addNewSubject()
                .withKind("User")
                .withName("bob")
                .endSubject()
                .build())
        .create();
    client
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("rotate")
                .endMetadata()
                .addNewRule()
                .withApiGroups("mcpctl.io")
                .withResources("secretbackends")
                .withVerbs("patch")
                .endRule()
                .build())
        .create();
    client
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("rotate")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "rotate")
                .addNewSubject()
                .withKind("User")
                .withName("bob")
                .endSubject()
                .build())
        .create();
    Path bob =
        kube.api()
            .writeKubeconfigWithClientCertificate(
                kube.directory().resolve("bob-" + namespace + ".kubeconfig"), "bob", List.of());

    CliHarness.Result result =
        harness()
            .run(
                "rotate",
                "secretbackend",
                "--all",
                "-A",
                "--no-wait",
                "--kubeconfig",
                bob.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("secretbackend/bao (namespace " + namespace + ") rotation requested (")
        .contains(
            "secretbackend/bao (namespace "
                + refusing
                + ") rotation not requested: The Kubernetes API refused the request (");
    // Other tests' namespaces are refused too: bob may patch in this test's namespace only.
    assertThat(result.stderr())
        .containsPattern("^error: [0-9]+ of [0-9]+ rotations did not succeed");
    assertThat(annotationIn(namespace, "bao")).isPresent();
    assertThat(annotationIn(refusing, "bao")).isEmpty();
  }

  @Test
  void aSecondRequestWithinTheSameSecondStillGetsANewValue() {
    create("bao", true);
    run("rotate", "secretbackend", "bao", "--no-wait");

    CliHarness.Result again = run("rotate", "secretbackend", "bao", "--no-wait");

    assertThat(again.stdout()).contains("mcpctl.io/rotate-requested-at=2025-06-01T12:00:01Z");
    assertThat(annotation("bao")).contains("2025-06-01T12:00:01Z");
  }

  @Test
  void aBackendWithoutARotatedTokenIsRefusedByName() {
    create("static", false);

    CliHarness.Result result = run("rotate", "secretbackend", "static");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: SecretBackend static has no rotated token (type openbao, rotation off);"
                + " nothing to rotate, re-run the wizard to turn rotation on.\n");
    assertThat(annotation("static")).isEmpty();
  }

  @Test
  void anUnknownBackendIsNamedWithTheCommandThatListsThem() {
    CliHarness.Result result = run("rotate", "secretbackend", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: SecretBackend nope not found in namespace "
                + namespace
                + "; list them with 'kubectl get secretbackends -n "
                + namespace
                + "'.\n");
  }

  private void create(String name, boolean rotated) {
    createIn(namespace, name, rotated);
  }

  private void createIn(String targetNamespace, String name, boolean rotated) {
    client
        .resources(SecretBackend.class)
        .inNamespace(targetNamespace)
        .resource(
            BackendObjects.backend(
                targetNamespace,
                name,
                BackendObjects.openBaoSpec(
                    new BackendNames(name),
                    new OpenBaoTarget(bao.address().toString(), "secret", "mcpctl", false, false),
                    rotated
                        ? Optional.of(
                            new Rotation("mcpctl-" + name + "-rotator", "24h", "10m", "2m"))
                        : Optional.empty(),
                    false)))
        .create();
  }

  /** Writes status as the operator does once it has acted on the current annotation. */
  private void operatorReports(String name, Consumer<TokenMeta> outcome) {
    operatorReports(name, outcome, null);
  }

  /** As the operator would: the token facts, and Ready when {@code ready} is given. */
  private void operatorReports(String name, Consumer<TokenMeta> outcome, Condition ready) {
    SecretBackend backend =
        client.resources(SecretBackend.class).inNamespace(namespace).withName(name).get();
    TokenMeta meta = new TokenMeta();
    meta.setRotatable(true);
    outcome.accept(meta);
    meta.setHandledRotateRequest(
        backend.getMetadata().getAnnotations().get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION));
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    if (ready != null) {
      status.setConditions(List.of(ready));
    }
    backend.setStatus(status);
    client.resources(SecretBackend.class).inNamespace(namespace).resource(backend).updateStatus();
  }

  @Test
  void aFailedRotationNeverClaimsTheCurrentTokenWorksWhenOpenBaoRejectedIt() {
    create("bao", true);

    CompletableFuture<CliHarness.Result> running = runAsync("rotate", "sb", "bao");
    awaitRequest("bao");
    operatorReports(
        "bao",
        meta -> {
          meta.setLastRotationError("OpenBao rejected the current token while minting");
          meta.setConsecutiveFailures(1);
        },
        readyCondition("False", ReadyReasons.TOKEN_REJECTED));
    CliHarness.Result result = running.join();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("rotation failed: OpenBao rejected the current token while minting (1 failure)\n")
        .doesNotContain("still works");
  }

  private static Condition readyCondition(String status, String reason) {
    return new ConditionBuilder()
        .withType(ReadyReasons.CONDITION_TYPE)
        .withStatus(status)
        .withReason(reason)
        .withMessage("as the operator wrote it")
        .withLastTransitionTime("2025-06-01T12:00:01Z")
        .build();
  }

  private void awaitRequest(String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(annotation(name)).isPresent());
  }

  private Optional<String> annotation(String name) {
    return annotationIn(namespace, name);
  }

  private Optional<String> annotationIn(String backendNamespace, String name) {
    SecretBackend backend =
        client.resources(SecretBackend.class).inNamespace(backendNamespace).withName(name).get();
    return Optional.ofNullable(backend.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION));
  }

  private CliHarness.Result run(String... args) {
    return harness().run(withFlags(args));
  }

  private CompletableFuture<CliHarness.Result> runAsync(String... args) {
    CliHarness harness = harness();
    String[] all = withFlags(args);
    return CompletableFuture.supplyAsync(() -> harness.run(all));
  }

  private CliHarness harness() {
    return new CliHarness().clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private String[] withFlags(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(kube.flags(namespace)));
    return all.toArray(String[]::new);
  }

  /** Backend bao's status as the operator writes it while previous tokens wait. */
  private void previousTokensWaiting(String reason, String message) {
    SecretBackend backend =
        client.resources(SecretBackend.class).inNamespace(namespace).withName("bao").get();
    TokenMeta meta = new TokenMeta();
    meta.setLastRotationAt("2025-06-01T11:59:30Z");
    SecretBackendStatus status = new SecretBackendStatus();
    status.setTokenMeta(meta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(ReadyReasons.PREVIOUS_TOKENS_WAITING_CONDITION)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime("2025-06-01T11:59:30Z")
                .build()));
    backend.setStatus(status);
    client.resources(SecretBackend.class).inNamespace(namespace).resource(backend).updateStatus();
  }
}
