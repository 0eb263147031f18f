package io.mcpctl.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.secret.SecretsFixture;
import io.mcpctl.cli.secret.SecretsIntegrationBase;
import io.mcpctl.openbao.KvMetadata;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.secrets.KvEntryFormat;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.migrate.MigrationOptions;
import io.mcpctl.secrets.migrate.MigrationReport;
import io.mcpctl.secrets.migrate.SecretMigration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate secrets} against the embedded API and the OpenBao stand-in: through the plugin for
 * what users see, and through the core migration with a store that dies at every call for the
 * interruptions.
 */
class MigrateSecretsIT extends SecretsIntegrationBase {

  private static final byte[] BINARY = {
    (byte) 0xca, (byte) 0xfe, 0x00, (byte) 0xba, (byte) 0xbe, (byte) 0xff
  };

  @Test
  void nineSecretsMoveFromDefaultToOpenBaoAndEveryValueReadsBackEqual() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    Map<String, String> values = nineSecretsOnDefault();

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).isEmpty();
    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "Migrating the MCP secrets of namespace "
                + fixture.namespace
                + " from default (Secrets"
                + " labelled mcpctl.io/backend=default in namespace "
                + fixture.namespace
                + ") to bao"
                + " (OpenBao "
                + bao.address()
                + " at secret/data/mcpctl/"
                + fixture.namespace
                + "/).");
    assertThat(lines.get(1)).isEqualTo("NAME   RESULT   DETAIL");
    assertThat(lines.subList(2, 11))
        .allSatisfy(
            line ->
                assertThat(line)
                    .endsWith("   moved    copied to bao and verified; removed from default"));
    assertThat(lines.get(11)).isEqualTo("Total: 9 secrets: 9 moved.");
    assertThat(fixture.labelledSecretNames("default")).isEmpty();
    SecretStore onBao = fixture.stores().named("bao");
    assertThat(onBao.names()).containsExactlyElementsOf(values.keySet());
    values.forEach(
        (name, value) -> {
          assertThat(onBao.read(name).orElseThrow().secret()).isEqualTo(secret(name, value));
          assertThat(rawEntry(name)).containsExactlyEntriesOf(Map.of("token", value));
        });
    for (String value : values.values()) {
      LeakCheck.of(value).assertNotIn(result);
      LeakCheck.of(value).assertNowhere(kube.client(), fixture.namespace);
    }
  }

  @Test
  void secretsMoveBetweenBackendsInDifferentOpenBaoNamespaces() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    fixture.openBaoBackendIn("team-a/dev", "bao-dev", "secret", "mcpctl", false);
    fixture.run("create", "secret", "github", "--backend", "bao", "--from-literal", "token=one");
    fixture.run("create", "secret", "slack", "--backend", "bao", "--from-literal", "token=two");

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "bao-dev");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(fixture.stores().named("bao-dev").names()).containsExactly("github", "slack");
    assertThat(fixture.stores().named("bao").names()).isEmpty();
    assertThat(
            fixture
                .rootIn("team-a/dev")
                .kv("secret")
                .list(
                    NarrowAccess.forBackend(fixture.namespace, "bao-dev", "secret", "mcpctl")
                        .folder()))
        .as("written in the namespace's own KV mount")
        .containsExactlyInAnyOrder("github", "slack");
  }

  @Test
  void twoBackendsThatReachOneEntryUnderTwoAddressesRemoveNothing() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    fixture.openBaoBackendAt(
        bao.address().toString().replace("127.0.0.1", "localhost"),
        null,
        "bao-by-name",
        "secret",
        "mcpctl",
        false);
    fixture.run("create", "secret", "github", "--backend", "bao", "--from-literal", "token=one");

    CliHarness.Result dryRun =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "bao-by-name", "--dry-run");
    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "bao-by-name");

    for (CliHarness.Result run : List.of(dryRun, result)) {
      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.stdout())
          .contains(
              "bao-by-name holds this very entry of bao (one OpenBao reached under two"
                  + " addresses), so nothing was copied or removed");
    }
    assertThat(fixture.stores().named("bao").read("github"))
        .as("the only copy is still there")
        .hasValueSatisfying(
            stored -> assertThat(stored.secret()).isEqualTo(secret("github", "one")));
  }

  @Test
  void aDryRunReportsWhatWouldHappenAndChangesNothing() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    nineSecretsOnDefault();
    Map<String, String> versionsBefore = resourceVersions();
    bao.requestLog().clear();

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "bao", "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .startsWith("Dry run: would migrate the MCP secrets of namespace " + fixture.namespace)
        .contains("s1     would move   would copy to bao, verify, and remove it from default\n")
        .endsWith("Total: 9 secrets: 9 would move (dry run: nothing was changed).\n");
    assertThat(resourceVersions()).isEqualTo(versionsBefore);
    assertThat(bao.requestLog().entries())
        .as("only reads reached OpenBao")
        .extracting(RequestRecord::method)
        .containsOnly("GET");
    assertThat(fixture.stores().named("bao").names()).isEmpty();
  }

  @Test
  void aFaultOnTheFifthWriteLeavesFourMovedTheRestUntouchedAndARerunCompletes() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    Map<String, String> values = nineSecretsOnDefault();
    Map<String, String> versionsBefore = resourceVersions();
    bao.faults()
        .add(
            Fault.on("POST", "secret/data/mcpctl/" + fixture.namespace + "/s5")
                .respond(500)
                .times(1)
                .build());
    bao.requestLog().clear();

    CliHarness.Result first = fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(writes())
        .as("the fifth write was the faulty one")
        .hasSize(5)
        .last()
        .asString()
        .endsWith("/s5");
    assertThat(first.stdout())
        .contains("s4     moved")
        .contains(
            "s5     failed          SecretBackend bao: OpenBao failed on POST secret/data/mcpctl/"
                + fixture.namespace
                + "/s5 (500: internal error)")
        .contains(
            "s6     not attempted   not tried after the backend failed on s5; run again when it"
                + " works")
        .endsWith("Total: 9 secrets: 4 moved, 1 failed, 4 not attempted.\n");
    assertThat(first.stderr())
        .isEqualTo(
            "error: 5 secrets were not migrated; resolve what the table says and run the same"
                + " command again.\n");
    assertThat(fixture.stores().named("bao").names()).containsExactly("s1", "s2", "s3", "s4");
    assertThat(fixture.labelledSecretNames("default"))
        .containsExactly("s5", "s6", "s7", "s8", "s9");
    Map<String, String> untouched = new TreeMap<>(versionsBefore);
    untouched.keySet().retainAll(List.of("s5", "s6", "s7", "s8", "s9"));
    assertThat(resourceVersions()).isEqualTo(untouched);

    CliHarness.Result rerun = fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.stdout()).endsWith("Total: 5 secrets: 5 moved.\n");
    assertThat(fixture.labelledSecretNames("default")).isEmpty();
    SecretStore onBao = fixture.stores().named("bao");
    values.forEach(
        (name, value) ->
            assertThat(onBao.read(name).orElseThrow().secret()).isEqualTo(secret(name, value)));
  }

  @Test
  void aConflictIsReportedAndBothSidesAreLeftAlone() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    fixture.labelledSecret("default", "github", Map.of("token", "mine"));
    fixture.labelledSecret("default", "slack", Map.of("token", "other"));
    fixture.run("create", "secret", "github", "--backend", "bao", "--from-literal", "token=theirs");
    String githubVersion = resourceVersions().get("github");

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains(
            "github   conflict   bao holds a different value; left alone on both (--overwrite"
                + " replaces it)\n")
        .contains("slack    moved")
        .endsWith("Total: 2 secrets: 1 moved, 1 conflict.\n");
    assertThat(result.stderr()).startsWith("error: 1 secret was not migrated;");
    assertThat(resourceVersions()).containsExactlyEntriesOf(Map.of("github", githubVersion));
    assertThat(metadata("github").currentVersion()).as("no write on bao").isEqualTo(1);
    assertThat(fixture.stores().named("bao").read("github").orElseThrow().secret())
        .isEqualTo(secret("github", "theirs"));

    CliHarness.Result overwritten =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "bao", "--overwrite");

    assertThat(overwritten.stdout())
        .contains("github   overwritten")
        .endsWith("Total: 1 secret: 1 overwritten.\n");
    assertThat(fixture.stores().named("bao").read("github").orElseThrow().secret())
        .isEqualTo(secret("github", "mine"));
  }

  @Test
  void binaryValuesSurviveBothWays() throws Exception {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    Path file = Files.write(kube.directory().resolve("binary-" + fixture.namespace), BINARY);
    fixture.run(
        "create",
        "secret",
        "cert",
        "--from-file",
        "key.der=" + file,
        "--from-literal",
        "name=cert");
    McpSecret original = fixture.stores().named("default").read("cert").orElseThrow().secret();

    CliHarness.Result there = fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(there.exitCode()).as(there.toString()).isZero();
    assertThat(rawEntry("cert"))
        .containsEntry(KvEntryFormat.BASE64_KEYS, "key.der")
        .containsEntry("name", "cert");
    assertThat(fixture.stores().named("bao").read("cert").orElseThrow().secret())
        .isEqualTo(original);

    CliHarness.Result back = fixture.run("migrate", "secrets", "--from", "bao", "--to", "default");

    assertThat(back.exitCode()).as(back.toString()).isZero();
    assertThat(original.value("key.der")).hasValueSatisfying(v -> assertThat(v).isEqualTo(BINARY));
    assertThat(fixture.stores().named("default").read("cert").orElseThrow().secret())
        .isEqualTo(original);
  }

  @Test
  void openBaoToDefaultMovesEverythingAndRemovesEveryVersionFromOpenBao() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    for (String name : List.of("github", "jira", "slack")) {
      fixture.run("create", "secret", name, "--from-literal", "token=value-of-" + name);
    }

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "default");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).endsWith("Total: 3 secrets: 3 moved.\n");
    assertThat(fixture.labelledSecretNames("default")).containsExactly("github", "jira", "slack");
    assertThat(fixture.stores().named("default").read("jira").orElseThrow().secret())
        .isEqualTo(secret("jira", "value-of-jira"));
    assertThat(fixture.root().kv("secret").list("mcpctl/" + fixture.namespace)).isEmpty();
  }

  @Test
  void aSecretTooLargeForAKubernetesSecretFailsAloneAndTheOthersMove() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    byte[] tooLarge = new byte[1024 * 1024 + 1];
    Arrays.fill(tooLarge, (byte) 'x');
    fixture
        .stores()
        .named("bao")
        .create(new McpSecret(fixture.namespace, "aaa-big", Map.of("blob", tooLarge)));
    for (String name : List.of("github", "jira")) {
      fixture.run("create", "secret", name, "--from-literal", "token=value-of-" + name);
    }

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "default");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("aaa-big")
        .contains("cannot be stored there as it is")
        .endsWith("Total: 3 secrets: 2 moved, 1 failed.\n");
    assertThat(fixture.labelledSecretNames("default")).containsExactly("github", "jira");
    assertThat(fixture.stores().named("bao").names()).containsExactly("aaa-big");
  }

  @Test
  void anEntryWithValuesThatAreNotStringsIsLeftAsItIsNotRewrittenAndDeleted() throws Exception {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    fixture.run("create", "secret", "github", "--from-literal", "token=value-of-github");
    // Written by another tool: a number whose text JSON does not keep, and a null.
    String path = "mcpctl/" + fixture.namespace + "/limits";
    HttpResponse<String> written =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(fixture.bao.address().resolve("/v1/secret/data/" + path))
                    .header("X-Vault-Token", fixture.bao.rootToken().reveal())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"data\": {\"rate\": 0.10, \"port\": 8080, \"note\": null,"
                                + " \"name\": \"limits\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

    CliHarness.Result shown = fixture.run("get", "secret", "limits");
    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "default");

    assertThat(shown.exitCode()).as(shown.toString()).isEqualTo(1);
    assertThat(shown.stderr())
        .contains("holds values that are not strings under note, port, rate")
        .contains("rewrite those values as strings");
    assertThat(result.stdout()).as(result.toString()).contains("limits");
    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(fixture.labelledSecretNames("default")).containsExactly("github");
    assertThat(fixture.root().kv("secret").get(path).data())
        .as("the entry, untouched")
        .containsEntry("rate", "0.1")
        .containsEntry("name", "limits");
    assertThat(metadata("limits").currentVersion()).isEqualTo(1);
  }

  @Test
  void openBaoToAnotherOpenBaoBackendMovesBetweenMounts() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    fixture.root().enableKvV2("team-kv", "second backend");
    fixture.openBaoBackend("vault2", "team-kv", "apps", false);
    fixture.run("create", "secret", "github", "--from-literal", "token=abc");
    bao.requestLog().clear();

    CliHarness.Result result = fixture.run("migrate", "secrets", "--from", "bao", "--to", "vault2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(bao.requestLog().entries())
        .as("LIST the source, then read, create, read back, check the version, claim, delete")
        .extracting(call -> call.method() + " " + call.path().replace(fixture.namespace, "NS"))
        .containsExactly(
            "LIST /v1/secret/metadata/mcpctl/NS/",
            "GET /v1/secret/data/mcpctl/NS/github",
            "POST /v1/team-kv/data/apps/NS/github",
            "GET /v1/team-kv/data/apps/NS/github",
            "GET /v1/secret/data/mcpctl/NS/github",
            "POST /v1/secret/data/mcpctl/NS/github",
            "DELETE /v1/secret/metadata/mcpctl/NS/github");
    assertThat(fixture.root().kv("team-kv").get("apps/" + fixture.namespace + "/github").data())
        .containsExactlyEntriesOf(Map.of("token", "abc"));
    assertThat(fixture.root().kv("secret").list("mcpctl/" + fixture.namespace)).isEmpty();
    assertThat(fixture.run("list", "secrets", "--backend", "vault2").stdout())
        .isEqualTo("NAME     BACKEND\ngithub   vault2\n");
  }

  @Test
  void keepSourceAndALabelSelectorCopyOnlyTheChosenSecrets() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);
    kube.client()
        .secrets()
        .inNamespace(fixture.namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("github")
                .addToLabels(SecretBackend.BACKEND_LABEL, "default")
                .addToLabels("team", "a")
                .endMetadata()
                .addToData("token", "dG9rZW4=")
                .build())
        .create();
    fixture.labelledSecret("default", "slack", Map.of("token", "x"));

    CliHarness.Result result =
        fixture.run(
            "migrate",
            "secrets",
            "--from",
            "default",
            "--to",
            "bao",
            "-l",
            "team=a",
            "--keep-source");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("github   copied   copied to bao and verified; kept on default (--keep-source)\n")
        .endsWith("Total: 1 secret: 1 copied.\n");
    assertThat(fixture.stores().named("bao").names()).containsExactly("github");
    assertThat(fixture.labelledSecretNames("default")).containsExactly("github", "slack");
  }

  @Test
  void impossibleMigrationsAreUsageErrors() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);

    CliHarness.Result selector =
        fixture.run("migrate", "secrets", "--from", "bao", "--to", "default", "-l", "team=a");
    CliHarness.Result same = fixture.run("migrate", "secrets", "--from", "bao", "--to", "bao");
    CliHarness.Result unknown =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "nope");

    assertThat(selector.exitCode()).isEqualTo(2);
    assertThat(selector.stderr())
        .isEqualTo(
            "error: -l selects by Kubernetes labels, and backend bao keeps its secrets in OpenBao,"
                + " which has no labels; drop -l to migrate all of them; run 'kubectl mcpctl"
                + " migrate secrets --help' for usage.\n");
    assertThat(same.exitCode()).isEqualTo(2);
    assertThat(same.stderr()).startsWith("error: --from and --to both name backend bao;");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.stderr()).startsWith("error: SecretBackend nope not found in namespace ");
  }

  @Test
  void anEmptySourceIsNothingToMigrate() {
    fixture.openBaoBackend("bao", "secret", "mcpctl", false);

    CliHarness.Result result =
        fixture.run("migrate", "secrets", "--from", "default", "--to", "bao");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout())
        .endsWith(
            "Backend default holds no MCP secrets in namespace "
                + fixture.namespace
                + "; nothing to migrate.\n");
  }

  @Test
  void killedAtAnyCallDefaultToOpenBaoARerunFinishesWithNothingLostOrWrittenTwice() {
    for (InterruptingStore.When when : InterruptingStore.When.values()) {
      int calls = callsOfAFullRun("default", "bao");
      for (int call = 1; call <= calls; call++) {
        int killAt = call;
        SecretsFixture run = new SecretsFixture(kube, bao);
        run.openBaoBackend("bao", "secret", "mcpctl", false);
        Map<String, McpSecret> secrets = twoSecrets(run, "default");

        killedThenRerun(run, "default", "bao", killAt, when);

        assertThat(run.labelledSecretNames("default"))
            .as("killed %s call %d", when, killAt)
            .isEmpty();
        SecretStore onBao = run.stores().named("bao");
        secrets.forEach(
            (name, secret) -> {
              assertThat(onBao.read(name).orElseThrow().secret()).isEqualTo(secret);
              assertThat(
                      run.root()
                          .kv("secret")
                          .readMetadata("mcpctl/" + run.namespace + "/" + name)
                          .orElseThrow()
                          .currentVersion())
                  .as("%s written once (killed %s call %d)", name, when, killAt)
                  .isEqualTo(1);
            });
      }
    }
  }

  @Test
  void killedAtAnyCallOpenBaoToDefaultARerunFinishesWithNothingLost() {
    for (InterruptingStore.When when : InterruptingStore.When.values()) {
      int calls = callsOfAFullRun("bao", "default");
      for (int killAt = 1; killAt <= calls; killAt++) {
        SecretsFixture run = new SecretsFixture(kube, bao);
        run.openBaoBackend("bao", "secret", "mcpctl", false);
        Map<String, McpSecret> secrets = twoSecrets(run, "bao");

        killedThenRerun(run, "bao", "default", killAt, when);

        assertThat(run.root().kv("secret").list("mcpctl/" + run.namespace))
            .as("killed %s call %d", when, killAt)
            .isEmpty();
        SecretStore onDefault = run.stores().named("default");
        secrets.forEach(
            (name, secret) ->
                assertThat(onDefault.read(name).orElseThrow().secret()).isEqualTo(secret));
      }
    }
  }

  /** Runs once, killed at {@code killAt}, then again untouched; the second run must finish. */
  private void killedThenRerun(
      SecretsFixture run, String from, String to, int killAt, InterruptingStore.When when) {
    AtomicInteger counter = new AtomicInteger();
    SecretMigration killed =
        new SecretMigration(
            new InterruptingStore(run.stores().named(from), counter, killAt, when),
            new InterruptingStore(run.stores().named(to), counter, killAt, when),
            MigrationOptions.moveAll());
    assertThatThrownBy(killed::run).isInstanceOf(InterruptingStore.Killed.class);

    MigrationReport rerun =
        new SecretMigration(
                run.stores().named(from), run.stores().named(to), MigrationOptions.moveAll())
            .run();

    assertThat(rerun.finished())
        .as("rerun after killing %s call %d: %s", when, killAt, rerun)
        .isTrue();
  }

  /** How many store calls an uninterrupted migration of two secrets makes. */
  private int callsOfAFullRun(String from, String to) {
    SecretsFixture run = new SecretsFixture(kube, bao);
    run.openBaoBackend("bao", "secret", "mcpctl", false);
    twoSecrets(run, from);
    AtomicInteger counter = new AtomicInteger();
    new SecretMigration(
            new InterruptingStore(
                run.stores().named(from), counter, 0, InterruptingStore.When.BEFORE),
            new InterruptingStore(
                run.stores().named(to), counter, 0, InterruptingStore.When.BEFORE),
            MigrationOptions.moveAll())
        .run();
    assertThat(counter.get())
        .as("list, then read, create, read back and delete per secret")
        .isEqualTo(9);
    return counter.get();
  }

  private Map<String, McpSecret> twoSecrets(SecretsFixture run, String backend) {
    Map<String, McpSecret> secrets = new LinkedHashMap<>();
    secrets.put("alpha", new McpSecret(run.namespace, "alpha", Map.of("token", utf8("a-1"))));
    secrets.put(
        "beta", new McpSecret(run.namespace, "beta", Map.of("blob", BINARY, "user", utf8("b"))));
    SecretStore store = run.stores().named(backend);
    secrets.values().forEach(store::create);
    return secrets;
  }

  private Map<String, String> nineSecretsOnDefault() {
    Map<String, String> values = new LinkedHashMap<>();
    IntStream.rangeClosed(1, 9)
        .forEach(i -> values.put("s" + i, "value-" + i + "-" + fixture.namespace));
    values.forEach(
        (name, value) -> fixture.labelledSecret("default", name, Map.of("token", value)));
    return values;
  }

  private Map<String, String> resourceVersions() {
    Map<String, String> versions = new TreeMap<>();
    for (Secret secret :
        kube.client()
            .secrets()
            .inNamespace(fixture.namespace)
            .withLabel(SecretBackend.BACKEND_LABEL, "default")
            .list()
            .getItems()) {
      versions.put(secret.getMetadata().getName(), secret.getMetadata().getResourceVersion());
    }
    return versions;
  }

  private List<String> writes() {
    List<String> writes = new ArrayList<>();
    bao.requestLog().entries().stream()
        .filter(record -> record.method().equals("POST") && record.path().contains("/data/"))
        .forEach(record -> writes.add(record.path()));
    return writes;
  }

  private Map<String, String> rawEntry(String name) {
    return fixture.root().kv("secret").get("mcpctl/" + fixture.namespace + "/" + name).data();
  }

  private KvMetadata metadata(String name) {
    return fixture
        .root()
        .kv("secret")
        .readMetadata("mcpctl/" + fixture.namespace + "/" + name)
        .orElseThrow();
  }

  private McpSecret secret(String name, String token) {
    return new McpSecret(fixture.namespace, name, Map.of("token", utf8(token)));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
