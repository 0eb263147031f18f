package io.mcpctl.cli.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code create|get|list|delete secret} through the plugin, on both kinds of backend. */
class SecretCommandsIT extends SecretsIntegrationBase {

  private static final String TOKEN = "ghp_only-with-reveal-7Qx";
  private static final String PASSWORD = "pa55-w0rd=with=equals";
  private static final byte[] BINARY = {(byte) 0x89, 'P', 'N', 'G', 0x00, (byte) 0xff, (byte) 0xc3};

  @Test
  void aSecretFromLiteralsFilesAndAnEnvFileRoundTripsOnTheDefaultBackend() throws Exception {
    Path blob = Files.write(kube.directory().resolve("logo.png"), BINARY);
    Path env =
        Files.writeString(
            kube.directory().resolve("app.env"),
            "# settings\n\nUSER=mcp\nPASSWORD=" + PASSWORD + "\n");

    CliHarness.Result created =
        fixture.run(
            "create",
            "secret",
            "github",
            "--from-literal",
            "token=" + TOKEN,
            "--from-file",
            blob.toString(),
            "--from-file",
            "raw=" + blob,
            "--from-env-file",
            env.toString());
    CliHarness.Result shown = fixture.run("get", "secret", "github");
    CliHarness.Result revealed = fixture.run("get", "secret", "github", "--reveal", "-o", "json");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.stdout())
        .isEqualTo(
            "secret github created on backend default (keys: PASSWORD, USER, logo.png, raw,"
                + " token)\n");
    assertThat(shown.stdout())
        .isEqualTo(
            "Name:       github\n"
                + "Namespace:  "
                + fixture.namespace
                + "\n"
                + "Backend:    default (kubernetes)\n"
                + "\n"
                + "Data\n"
                + "====\n"
                + "PASSWORD:  "
                + PASSWORD.length()
                + " bytes\n"
                + "USER:      3 bytes\n"
                + "logo.png:  7 bytes\n"
                + "raw:       7 bytes\n"
                + "token:     "
                + TOKEN.length()
                + " bytes\n");
    JsonNode json = new ObjectMapper().readTree(revealed.stdout());
    assertThat(json.path("data").path("token").asText()).isEqualTo(TOKEN);
    assertThat(json.path("data").path("PASSWORD").asText()).isEqualTo(PASSWORD);
    assertThat(Base64.getDecoder().decode(json.path("binaryData").path("raw").asText()))
        .isEqualTo(BINARY);
    assertThat(json.path("backend").asText()).isEqualTo("default");
    for (String value : List.of(TOKEN, PASSWORD)) {
      LeakCheck.of(value).assertNotIn(created);
      LeakCheck.of(value).assertNotIn(shown);
      assertThat(revealed.stdout()).as("--reveal shows it").contains(value);
    }
  }

  @Test
  void onAnOpenBaoDefaultTheSameCommandsWorkAndValuesStayOutOfOutputAndLogs() throws Exception {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    Path blob = Files.write(kube.directory().resolve("blob-" + fixture.namespace), BINARY);

    CliHarness.Result created =
        fixture.run(
            "create",
            "secret",
            "slack",
            "--from-literal",
            "token=" + TOKEN,
            "--from-file",
            "blob=" + blob);
    CliHarness.Result listed = fixture.run("list", "secrets");
    CliHarness.Result yaml = fixture.run("get", "secret", "slack", "-o", "yaml");
    CliHarness.Result revealed = fixture.run("get", "secret", "slack", "--reveal");
    CliHarness.Result deleted = fixture.run("delete", "secret", "slack");
    CliHarness.Result gone = fixture.run("get", "secret", "slack");

    assertThat(created.stdout())
        .isEqualTo("secret slack created on backend bao (keys: blob, token)\n");
    assertThat(listed.stdout()).isEqualTo("NAME    BACKEND\nslack   bao\n");
    assertThat(yaml.stdout())
        .isEqualTo(
            "name: slack\n"
                + "namespace: "
                + fixture.namespace
                + "\n"
                + "backend: bao\n"
                + "backendType: openbao\n"
                + "keys:\n"
                + "- key: blob\n"
                + "  bytes: 7\n"
                + "- key: token\n"
                + "  bytes: "
                + TOKEN.length()
                + "\n");
    assertThat(revealed.stdout())
        .contains("token:  " + TOKEN + "\n")
        .contains("blob:   (base64) " + Base64.getEncoder().encodeToString(BINARY) + "\n");
    assertThat(deleted.stdout()).isEqualTo("secret slack deleted from backend bao\n");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderr())
        .isEqualTo(
            "error: MCP secret slack not found on backend bao in namespace "
                + fixture.namespace
                + "; list them with 'kubectl mcpctl list secrets --backend bao -n "
                + fixture.namespace
                + "'.\n");
    for (CliHarness.Result result : List.of(created, listed, yaml, revealed, deleted)) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
    }
    for (CliHarness.Result result : List.of(created, listed, yaml, deleted, gone)) {
      LeakCheck.of(TOKEN).assertNotIn(result);
    }
    LeakCheck.of(TOKEN).assertNowhere(kube.client(), fixture.namespace);
  }

  @Test
  void creatingAnExistingSecretFailsAndLeavesItAlone() {
    fixture.run("create", "secret", "github", "--from-literal", "token=first");

    CliHarness.Result again =
        fixture.run("create", "secret", "github", "--from-literal", "token=second");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr())
        .isEqualTo(
            "error: The MCP secret github already exists on backend default in namespace "
                + fixture.namespace
                + "; delete it first or choose another name.\n");
    assertThat(fixture.run("get", "secret", "github", "--reveal").stdout())
        .contains("token:  first");
  }

  @Test
  void listingAnEmptyBackendSaysSoOnStderrAndJsonIsAnEmptyList() throws Exception {
    CliHarness.Result text = fixture.run("list", "secrets");
    CliHarness.Result json = fixture.run("list", "secrets", "-o", "json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout()).isEmpty();
    assertThat(text.stderr())
        .isEqualTo("No MCP secrets on backend default in namespace " + fixture.namespace + ".\n");
    assertThat(new ObjectMapper().readTree(json.stdout()).path("secrets").size()).isZero();
  }

  @Test
  void anUnknownBackendIsOneSentenceWithExitOne() {
    CliHarness.Result result = fixture.run("list", "secrets", "--backend", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: SecretBackend nope not found in namespace "
                + fixture.namespace
                + "; list them with 'kubectl get secretbackends -n "
                + fixture.namespace
                + "', or use 'default' for the built-in kubernetes store.\n");
  }

  @Test
  void aNamespaceNoSecretCanLiveInIsAUsageError() {
    CliHarness.Result result =
        new CliHarness()
            .run("list", "secrets", "--kubeconfig", kube.kubeconfig().toString(), "-n", "Team_A");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith("error: The namespace 'Team_A' is not valid; pass a Kubernetes namespace name");
  }

  @Test
  void aSealedOpenBaoIsOneSentenceWithExitOne() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    bao.seal();

    CliHarness.Result result = fixture.run("list", "secrets", "--backend", "bao");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().lines()).hasSize(1);
    assertThat(result.stderr()).startsWith("error: SecretBackend bao: OpenBao is sealed");
  }

  @Test
  void secretValuesInFilesNeverReachTheLog() throws Exception {
    String fileValue = "from-a-file-" + fixture.namespace;
    Path file =
        Files.writeString(kube.directory().resolve("value-" + fixture.namespace), fileValue);

    CliHarness.Result created = fixture.run("create", "secret", "x", "--from-file", "v=" + file);
    fixture.run("get", "secret", "x");
    fixture.run("delete", "secret", "x");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(Files.readString(LeakCheck.pluginLog(), StandardCharsets.ISO_8859_1))
        .as("the plugin log was written to")
        .isNotEmpty()
        .doesNotContain(fileValue)
        .doesNotContain(
            Base64.getEncoder().encodeToString(fileValue.getBytes(StandardCharsets.UTF_8)));
  }
}
