package io.mcpctl.e2e;

import static io.mcpctl.e2e.PluginE2E.pluginDirectory;
import static io.mcpctl.e2e.PluginE2E.run;
import static io.mcpctl.e2e.PluginE2E.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpctl.e2e.PluginE2E.Result;
import io.mcpctl.e2e.support.SandboxUp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day after the install, as a platform engineer lives it against {@code sandbox up} with the
 * real kubectl: {@code check} says all is well, {@code audit tokens} finds a token made by hand
 * with the backend's role and revokes it when asked, and {@code check} names a sealed OpenBao and a
 * stopped operator. No admin token or backend token reaches any output.
 */
class DayTwoE2E {

  private static final String NAMESPACE = "day2";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private SandboxUp sandbox;
  private final List<Result> results = new ArrayList<>();

  @Test
  void checkThenAuditThenSealedThenStoppedOperator() throws Exception {
    sandbox = SandboxUp.start(work);
    try {
      String adminToken = sandbox.rootToken();
      succeeded(kubectl("create", "namespace", NAMESPACE));
      succeeded(
          plugin(
              adminToken + "\n",
              "create",
              "secretbackend",
              "bao",
              "--type",
              "openbao",
              "--wizard",
              "--url",
              sandbox.openBaoAddress(),
              "--admin-token-file",
              "-",
              "--yes",
              "-n",
              NAMESPACE));

      Result healthy = plugin(null, "check", "-n", NAMESPACE, "--wait", "90s");
      assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
      assertThat(healthy.stdout())
          .contains("holds Lease mcpctl-system/mcpctl-operator-leader")
          .contains(NAMESPACE + "/bao   Ready, token HEALTHY")
          .contains("token rights as the policy intends")
          .endsWith("All is well.\n");

      String role =
          succeeded(
                  kubectl(
                      "get",
                      "sb",
                      "bao",
                      "-n",
                      NAMESPACE,
                      "-o",
                      "jsonpath={.spec.openbao.auth.rotation.tokenRole}"))
              .stdout()
              .strip();
      SandboxUp.Answer minted =
          sandbox.openBao("POST", "auth/token/create/" + role, adminToken, "{}");
      assertThat(minted.status()).as(minted.body()).isEqualTo(200);
      String orphan = JSON.readTree(minted.body()).path("auth").path("accessor").asText();

      Result found = audit("--min-age", "0s");
      assertThat(found.exitCode()).as(found.toString()).isEqualTo(1);
      assertThat(found.stdout()).containsPattern(orphan + "\\s+orphan\\s");
      assertThat(found.stderr()).contains("1 orphan token of role " + role + " is alive");

      Result revoked = audit("--min-age", "0s", "--revoke-orphans", "-o", "json");
      assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
      JsonNode report = JSON.readTree(revoked.stdout());
      assertThat(report.path("summary").path("revoked").asInt()).isEqualTo(1);
      assertThat(report.path("summary").path("current").asInt()).isEqualTo(1);
      assertThat(
              sandbox
                  .openBao(
                      "POST",
                      "auth/token/lookup-accessor",
                      adminToken,
                      "{\"accessor\":\"" + orphan + "\"}")
                  .status())
          .as("the orphan is revoked")
          .isEqualTo(400);

      assertThat(sandbox.admin("POST", "seal", "{}").status()).isEqualTo(204);
      Result sealed = plugin(null, "check", "-n", NAMESPACE);
      assertThat(sealed.exitCode()).as(sealed.toString()).isEqualTo(1);
      assertThat(sealed.stdout()).contains("OpenBao at " + sandbox.openBaoAddress() + " is sealed");
      assertThat(sandbox.admin("POST", "unseal", "{}").status()).isEqualTo(204);
      succeeded(plugin(null, "check", "-n", NAMESPACE, "--wait", "90s"));

      ProcessHandle operator = ProcessHandle.of(sandbox.operatorPid()).orElseThrow();
      operator.destroy();
      operator.onExit().get(30, TimeUnit.SECONDS);
      // A stopping operator gives its Lease up; one killed before it could is seen once the
      // Lease runs out (15 s). Either way check names the operator.
      Result[] stopped = new Result[1];
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> (stopped[0] = plugin(null, "check", "-n", NAMESPACE)).exitCode() == 1);
      assertThat(stopped[0].stdout())
          .containsPattern(
              "PROBLEM\\s+operator\\s+Operator \\S+ (released Lease|last renewed Lease)")
          .contains("Lease mcpctl-system/mcpctl-operator-leader");

      assertNoCredentialInAnyOutput(adminToken);
    } finally {
      sandbox.close();
    }
  }

  private Result audit(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "tokens", "bao", "-n", NAMESPACE, "--url", sandbox.openBaoAddress()));
    args.addAll(List.of(extra));
    args.add("--admin-token-file");
    args.add("-");
    return plugin(sandbox.rootToken() + "\n", args.toArray(String[]::new));
  }

  private void assertNoCredentialInAnyOutput(String adminToken) {
    String token =
        new String(
            Base64.getDecoder()
                .decode(
                    succeeded(
                            kubectl(
                                "get",
                                "secret",
                                "bao-token",
                                "-n",
                                NAMESPACE,
                                "-o",
                                "jsonpath={.data.token}"))
                        .stdout()
                        .strip()),
            StandardCharsets.UTF_8);
    results.remove(results.size() - 1); // the read above prints the token, on purpose
    for (String secret : List.of(adminToken, token)) {
      assertThat(secret).isNotBlank();
      for (Result result : results) {
        assertThat(result.stdout() + result.stderr())
            .as("%s", String.join(" ", result.command()))
            .doesNotContain(secret);
      }
    }
  }

  private Result plugin(String stdin, String... args) {
    Result result = run(pluginDirectory(), Map.of(), stdin, sandbox.pluginCommand(args));
    results.add(result);
    return result;
  }

  private Result kubectl(String... args) {
    Result result =
        run(
            pluginDirectory(),
            Map.of(),
            null,
            sandbox.kubectlCommand(work.resolve("kubectl-cache"), args));
    results.add(result);
    return result;
  }
}
