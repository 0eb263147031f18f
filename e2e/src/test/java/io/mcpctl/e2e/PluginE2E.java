package io.mcpctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpctl.e2e.support.KubectlTable;
import io.mcpctl.e2e.support.Repository;
import io.mcpctl.e2e.support.SandboxUp;
import io.mcpctl.sandbox.process.CommandRun;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user meets it: the packaged {@code kubectl-mcpctl} launcher on PATH, run by the
 * real kubectl. First the packaging (discovery, symlinks, completion, the class-data archive), then
 * the story of issue 5 against {@code sandbox up}, which runs the operator: wizard, {@code kubectl
 * get sb} shows HEALTH, rotate, describe shows the new timestamps. The OpenBao admin token is
 * looked for in every output, every file the sandbox and the operator wrote (their logs included)
 * and every API object.
 */
class PluginE2E {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

  static Path pluginDirectory() {
    return Repository.root().resolve("cli-plugin").resolve(Repository.target());
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Packaging {

    @TempDir Path work;
    private final List<Path> links = new ArrayList<>();

    /** A folder that holds only symlinks to the launcher and the completion shim. */
    private Path linkedPlugin(String folder) throws IOException {
      Path bin = Files.createDirectories(work.resolve(folder));
      for (String executable : List.of("kubectl-mcpctl", "kubectl_complete-mcpctl")) {
        links.add(
            Files.createSymbolicLink(
                bin.resolve(executable), pluginDirectory().resolve(executable)));
      }
      return bin;
    }

    @Test
    void theLauncherAndTheCompletionShimAreExecutablesBesideTheJar() throws IOException {
      Path plugin = pluginDirectory();

      assertThat(plugin.resolve("kubectl-mcpctl.jar")).isRegularFile();
      for (String executable : List.of("kubectl-mcpctl", "kubectl_complete-mcpctl")) {
        assertThat(Files.getPosixFilePermissions(plugin.resolve(executable)))
            .as(executable)
            .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
      }
    }

    @AfterEach
    void removeLinks() throws IOException {
      // The links point out of the temporary folder; removing them first keeps its clean-up quiet.
      for (Path link : links) {
        Files.deleteIfExists(link);
      }
      links.clear();
    }

    @Test
    void kubectlFindsThePluginThroughASymlinkOnThePath() throws IOException {
      Path bin = linkedPlugin("bin");

      Result list = run(bin, Map.of(), null, "kubectl", "plugin", "list");
      Result version = run(bin, Map.of(), null, "kubectl", "mcpctl", "version");
      Result help = run(bin, Map.of(), null, "kubectl", "mcpctl", "--help");

      assertThat(list.stdout())
          .as(list.toString())
          .contains(bin.resolve("kubectl-mcpctl").toString());
      assertThat(version.exitCode()).as(version.toString()).isZero();
      assertThat(version.stdout()).startsWith("kubectl-mcpctl ").contains("API mcpctl.io/v1alpha1");
      assertThat(help.stdout()).startsWith("Usage: kubectl mcpctl");
    }

    @Test
    void aCopyInAFolderWithASpaceRunsAndIgnoresTheArchiveSilently() throws IOException {
      Path copy = Files.createDirectories(work.resolve("my tools"));
      for (String file : List.of("kubectl-mcpctl", "kubectl-mcpctl.jar", "kubectl-mcpctl.jsa")) {
        Files.copy(
            pluginDirectory().resolve(file),
            copy.resolve(file),
            StandardCopyOption.COPY_ATTRIBUTES);
      }

      Result version = run(copy, Map.of(), null, "kubectl", "mcpctl", "version");

      assertThat(version.exitCode()).as(version.toString()).isZero();
      assertThat(version.stdout()).startsWith("kubectl-mcpctl ");
      assertThat(version.stderr())
          .as("an archive made for another path is skipped without a word")
          .isEmpty();
    }

    @Test
    void kubectlCompletesPluginCommandsThroughTheShim() throws IOException {
      Path bin = linkedPlugin("completion-bin");

      Result commands = run(bin, Map.of(), null, "kubectl", "__complete", "mcpctl", "");
      Result partial =
          run(
              bin,
              Map.of(),
              null,
              "kubectl",
              "__complete",
              "mcpctl",
              "rotate",
              "secretbackend",
              "--ti");

      assertThat(commands.stdout().lines())
          .as(commands.toString())
          .contains("create", "rotate", "describe");
      assertThat(partial.stdout().lines()).as(partial.toString()).contains("--timeout");
    }

    @Test
    void usageErrorsExitWithTwoThroughKubectl() {
      Result result =
          run(pluginDirectory(), Map.of(), null, "kubectl", "mcpctl", "rotate", "secretbackend");

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.stderr()).startsWith("error: ").contains("--help' for usage.");
    }

    @Test
    void theLauncherStartsFromTheClassDataArchiveTheBuildMadeBesideTheJar() {
      Result result =
          run(
              pluginDirectory(),
              Map.of("MCPCTL_JAVA_OPTS", "-Xlog:class+load=info"),
              null,
              pluginDirectory().resolve("kubectl-mcpctl").toString(),
              "version");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout())
          .as("the plugin's own classes come from the archive, not the jar")
          .contains("io.mcpctl.cli.McpctlCommand source: shared objects file");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AgainstTheSandbox {

    private static final String NAMESPACE = "story";

    private Path work;
    private SandboxUp sandbox;
    private Path sandboxDirectory;
    private final List<Result> results = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startTheSandbox(@TempDir Path temporary) {
      work = temporary;
      sandbox = SandboxUp.start(work);
      sandboxDirectory = sandbox.directory();
      succeeded(kubectl("create", "namespace", NAMESPACE));
      succeeded(
          kubectlWithInput(
              """
              apiVersion: v1
              kind: Secret
              metadata:
                name: github
                namespace: story
                labels: {mcpctl.io/backend: default}
              stringData: {token: not-a-real-github-token}
              ---
              apiVersion: v1
              kind: Secret
              metadata:
                name: slack
                namespace: story
                labels: {mcpctl.io/backend: default}
              stringData: {token: not-a-real-slack-token}
              """,
              "apply",
              "-f",
              "-"));
    }

    @AfterAll
    void stopTheSandbox() {
      if (sandbox != null) {
        sandbox.close();
      }
    }

    @Test
    void wizardThenHealthThenRotateThenDescribeWithoutLeakingTheAdminToken() throws IOException {
      String adminToken = sandbox.rootToken();
      assertThat(adminToken).as("openbao.env holds BAO_TOKEN").isNotBlank();

      long wizardStarted = System.nanoTime();
      Result wizard =
          plugin(
              Map.of("MCPCTL_LOG_LEVEL", "debug"),
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
              "-n",
              NAMESPACE);
      long wizardMillis = (System.nanoTime() - wizardStarted) / 1_000_000;

      assertThat(wizard.exitCode()).as(wizard.toString()).isZero();
      assertThat(wizard.stdout())
          .contains(
              "[8/8] Kubernetes objects ... Secret bao-token created, SecretBackend bao created");
      List<String> lines = wizard.stdout().lines().toList();
      assertThat(lines.get(lines.size() - 1))
          .isEqualTo("kubectl mcpctl migrate secrets --from default --to bao -n " + NAMESPACE);

      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Result get = kubectl("get", "sb", "-n", NAMESPACE);
                KubectlTable table = KubectlTable.parse(get.stdout());
                assertThat(table.headers()).contains("HEALTH", "LAST ROTATION", "EXPIRES");
                assertThat(table.column("HEALTH")).as(get.toString()).containsExactly("Healthy");
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !jsonPath("{.status.tokenMeta.lastRotationAt}").isBlank());
      String generatedBefore = jsonPath("{.status.tokenMeta.generatedAt}");
      // Status times have whole seconds; a rotation in the same second would look like none.
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  java.time.Instant.now()
                      .isAfter(java.time.Instant.parse(generatedBefore).plusSeconds(1)));
      // As users watch a rotation on a cluster: kubectl get -w over plain HTTP.
      Path watchOutput = work.resolve("get-sb-watch.txt");
      List<String> watchCommand =
          List.of(
              sandbox.kubectlCommand(
                  work.resolve("kubectl-cache"),
                  "get",
                  "sb",
                  "-n",
                  NAMESPACE,
                  "-w",
                  "-o",
                  "custom-columns=NAME:.metadata.name,GENERATED:.status.tokenMeta.generatedAt"));
      Process watch =
          new ProcessBuilder(watchCommand)
              .redirectOutput(watchOutput.toFile())
              .redirectError(work.resolve("get-sb-watch.err").toFile())
              .start();

      // The operator rotated the wizard's token at first sight, so it waits out its 2m grace
      // period: a forced rotation must not wait for it.
      Result rotate =
          plugin(
              Map.of(),
              null,
              "rotate",
              "secretbackend",
              "bao",
              "-n",
              NAMESPACE,
              "--timeout",
              "20s");

      assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
      String generatedAfter = jsonPath("{.status.tokenMeta.generatedAt}");
      assertThat(generatedAfter).isNotEqualTo(generatedBefore);
      assertThat(rotate.stdout())
          .contains("secretbackend/bao rotation requested (mcpctl.io/rotate-requested-at=")
          .contains("secretbackend/bao rotated: new token generated " + generatedAfter + " (");
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(Files.readString(watchOutput))
                        .as("kubectl get sb -w shows the rotation as it happens")
                        .containsPattern("bao\\s+" + Pattern.quote(generatedBefore))
                        .containsPattern("bao\\s+" + Pattern.quote(generatedAfter)));
        assertThat(watch.isAlive()).as("kubectl is still watching").isTrue();
      } finally {
        watch.destroy();
      }

      List<Long> describeMillis = new ArrayList<>();
      Result describe = null;
      for (int i = 0; i < 7; i++) {
        long started = System.nanoTime();
        describe = plugin(Map.of(), null, "describe", "secretbackend", "bao", "-n", NAMESPACE);
        describeMillis.add((System.nanoTime() - started) / 1_000_000);
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
      }
      assertThat(describe.stdout())
          .contains("Token health:           HEALTHY")
          .contains("  Generated:            " + generatedAfter + " (")
          .contains(
              "  Last rotation:        " + jsonPath("{.status.tokenMeta.lastRotationAt}") + " (");
      Collections.sort(describeMillis);
      System.out.printf(
          "PluginE2E timings: wizard %d ms; describe median %d ms of %s%n",
          wizardMillis, describeMillis.get(describeMillis.size() / 2), describeMillis);

      assertAdminTokenAppearsNowhere(adminToken);
    }

    /**
     * Security issue item 7: {@code kubectl mcpctl --kubeconfig DIR/admin-token describe
     * secretbackend bao} printed the root token in a Jackson message. The files {@code sandbox up}
     * writes next to the kubeconfig are named, never quoted.
     */
    @Test
    void aKubeconfigFlagPointedAtTheAdminTokenFileNamesItWithoutPrintingTheToken() {
      String adminToken = SandboxUp.read(sandboxDirectory.resolve("admin-token")).strip();
      assertThat(adminToken).as("admin-token holds the root token").isNotBlank();

      for (String file : List.of("admin-token", "openbao.env")) {
        Path misdirected = sandboxDirectory.resolve(file);
        Result result =
            run(
                pluginDirectory(),
                Map.of(),
                null,
                "kubectl",
                "mcpctl",
                "--kubeconfig",
                misdirected.toString(),
                "describe",
                "secretbackend",
                "bao");
        results.add(result);

        // First the leak check, whose failure shows no output: the others would print it.
        String output = result.stdout() + result.stderr();
        // The token, and every 6 characters in a row of it (its part after "s." included).
        for (int start = 0; start + 6 <= adminToken.length(); start++) {
          assertThat(output.contains(adminToken.substring(start, start + 6)))
              .as("the output for --kubeconfig %s holds a piece of the admin token", file)
              .isFalse();
        }
        assertThat(result.exitCode()).as(file).isEqualTo(1);
        assertThat(result.stderr())
            .as(file)
            .isEqualTo(
                "error: "
                    + misdirected
                    + " is not a kubeconfig; pass --kubeconfig with your cluster's kubeconfig"
                    + " file, or point KUBECONFIG at it.\n");
      }
    }

    private void assertAdminTokenAppearsNowhere(String adminToken) {
      List<String> forms =
          List.of(
              adminToken,
              Base64.getEncoder().encodeToString(adminToken.getBytes(StandardCharsets.UTF_8)));
      Result objects =
          kubectl("get", "secrets,secretbackends,events,configmaps", "-A", "-o", "json");
      assertThat(objects.exitCode()).as(objects.toString()).isZero();
      List<String> outputs = new ArrayList<>();
      outputs.add(objects.stdout());
      synchronized (results) {
        results.forEach(result -> outputs.add(result.stdout() + result.stderr()));
      }
      for (String output : outputs) {
        for (String form : forms) {
          assertThat(output.contains(form))
              .as("an output or API object contains the admin token")
              .isFalse();
        }
      }
      try (Stream<Path> files = Files.walk(work)) {
        files
            .filter(Files::isRegularFile)
            // The two files sandbox up writes for the admin token's owner, readable by them only.
            .filter(file -> !file.equals(sandboxDirectory.resolve("openbao.env")))
            .filter(file -> !file.equals(sandboxDirectory.resolve("admin-token")))
            .forEach(
                file -> {
                  String content = SandboxUp.read(file);
                  for (String form : forms) {
                    assertThat(content.contains(form))
                        .as("%s contains the admin token", file)
                        .isFalse();
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String jsonPath(String path) {
      Result result = kubectl("get", "sb", "bao", "-n", NAMESPACE, "-o", "jsonpath=" + path);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      return result.stdout().strip();
    }

    private Result plugin(Map<String, String> environment, String stdin, String... args) {
      Result result = run(pluginDirectory(), environment, stdin, sandbox.pluginCommand(args));
      results.add(result);
      return result;
    }

    private Result kubectl(String... args) {
      return kubectlWithInput(null, args);
    }

    private Result kubectlWithInput(String stdin, String... args) {
      Result result =
          run(
              pluginDirectory(),
              Map.of(),
              stdin,
              sandbox.kubectlCommand(work.resolve("kubectl-cache"), args));
      results.add(result);
      return result;
    }
  }

  /** What one command did (its standard input is not kept: it may be a token). */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return String.join(" ", command)
          + " exited "
          + exitCode
          + "\n--- stdout\n"
          + stdout
          + "--- stderr\n"
          + stderr;
    }
  }

  /**
   * Runs a command with {@code bin} first on the PATH (where kubectl looks for plugins) and {@code
   * KUBECONFIG} unset, so only the flags choose the cluster.
   */
  static Result run(Path bin, Map<String, String> environment, String stdin, String... command) {
    Map<String, String> variables = new HashMap<>();
    variables.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    variables.putAll(environment);
    CommandRun.Output output =
        CommandRun.run(
            List.of(command),
            Set.of("KUBECONFIG", "BAO_TOKEN"),
            variables,
            stdin,
            COMMAND_TIMEOUT,
            Path.of(System.getProperty("java.io.tmpdir")));
    return new Result(List.of(command), output.exitCode(), output.stdout(), output.stderr());
  }

  static Result succeeded(Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }
}
