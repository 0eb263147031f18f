package io.mcpctl.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.e2e.support.Repository;
import io.mcpctl.e2e.support.SandboxUp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, minus the build: {@code java -jar mcpctl-sandbox.jar demo} as a
 * process, as {@code ./demo} runs it. Checks the story's key lines in order, the exit code, that
 * nothing it started outlives it, and that no token or secret value reaches its output or logs.
 */
class DemoE2E {

  private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(6);

  /** OpenBao's token forms (the stand-in mints {@code s.} followed by 24 characters). */
  private static final Pattern TOKEN_SHAPED =
      Pattern.compile("\\b(?:s|b|r|hvs|hvb|hvr)\\.[A-Za-z0-9]{20,}");

  private static final Pattern LAST_ROTATION_MOVED =
      Pattern.compile("# LAST-ROTATION moved from (\\S+) to (\\S+)");

  @TempDir Path work;

  @Test
  void theDemoTellsTheWholeStoryAndExitsZero() throws Exception {
    Path dir = work.resolve("demo");
    long started = System.nanoTime();
    Run demo = runDemo("--dir", dir.toString());
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    System.out.printf("DemoE2E: the demo took %ds (build excluded)%n", seconds);

    assertThat(demo.exitCode()).as(demo.toString()).isZero();
    assertThat(demo.stdout().lines().toList())
        .as(demo.toString())
        .containsSubsequence(
            "== [1/16] Start the sandbox: an embedded Kubernetes API and an OpenBao stand-in on"
                + " loopback   +0s",
            "$ kubectl apply -f crds/",
            "customresourcedefinition.apiextensions.k8s.io/secretbackends.mcpctl.io created",
            "$ kubectl mcpctl create secret github --from-file token="
                + dir.resolve("demo-secrets").resolve("github-token"),
            "$ kubectl mcpctl list secrets",
            "$ kubectl get sb",
            "$ kubectl mcpctl migrate secrets --from default --to bao -n default",
            "$ kubectl mcpctl list secrets --backend bao",
            "$ kubectl apply -f " + dir.resolve("demo-consumers.yaml"),
            "$ kubectl mcpctl rotate secretbackend bao",
            "$ kubectl mcpctl describe secretbackend bao",
            "$ kubectl describe sb bao",
            "Demo finished in " + finishedIn(demo) + ": all 16 steps did what they should.");
    assertThat(demo.stdout())
        .contains(
            "$ kubectl mcpctl create secretbackend bao --type openbao --wizard --url http://127.0.0.1:",
            "--admin-token-file "
                + dir.resolve("admin-token")
                + " --rotation-interval 1m --revoke-grace-period 5s --yes")
        .containsPattern("Token health: +HEALTHY")
        .containsPattern("Ready: +False, Sealed")
        .containsPattern("Token health: +WARNING")
        .containsPattern("Ready: +True, TokenValid")
        .containsPattern("Deployment/env-app \\(env\\) +\\d+ requests, 0 refused \\(token\\)")
        .containsPattern(
            "StatefulSet/subpath-app \\(subPath\\) +\\d+ requests, 0 refused \\(token\\)")
        .containsPattern("DaemonSet/volume-app \\(volume\\) +\\d+ requests, 0 refused \\(token\\)")
        .contains("ConsumersRestarted")
        .contains("Consumers (pods that read the token Secret; 3 still hold the previous token")
        .containsPattern(
            "Warning +PreviousTokenRevokedInUse +secretbackend/bao +A previous token was revoked")
        .containsPattern("OpenBao refused [1-9]\\d* requests of the env and subPath pods");
    Matcher moved = LAST_ROTATION_MOVED.matcher(demo.stdout());
    assertThat(moved.find()).as("the demo shows the scheduled rotation").isTrue();
    assertThat(moved.group(2)).isGreaterThan(moved.group(1));
    assertThat(demo.stderr()).contains("The sandbox's files and logs stay in " + dir);

    assertNoSecretValueIn(demo, dir);
    SandboxUp.assertOperatorWasNeverDenied(dir.resolve("api-access.tsv"));
    assertThat(SandboxUp.read(dir.resolve("api-access.tsv")))
        .as("the demo's operator ran as the chart's ServiceAccount")
        .contains(SandboxUp.OPERATOR + "\tupdate\tmcpctl.io\tsecretbackends/status\t");
    assertThat(demo.descendants())
        .as("no process of the demo outlives it")
        .noneMatch(ProcessHandle::isAlive);
    assertThat(dir.resolve("ready")).doesNotExist();
  }

  @Test
  void aStepThatFailsIsNamedAndTheExitCodeIsOne() {
    // The plugin's jar is no operator: it refuses the operator's flags and exits at once.
    Path notAnOperator =
        Repository.root()
            .resolve("cli-plugin")
            .resolve(Repository.target())
            .resolve("kubectl-mcpctl.jar");

    Run demo =
        runDemo(
            "--dir",
            work.resolve("failing").toString(),
            "--operator-jar",
            notAnOperator.toString());

    assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(1);
    assertThat(demo.stderr())
        .contains(
            "Demo FAILED at step 3/16 (Start the operator as its own process): The operator did not"
                + " start: The operator exited with code");
    assertThat(demo.stdout()).doesNotContain("Demo finished");
    assertThat(demo.descendants()).noneMatch(ProcessHandle::isAlive);
  }

  private static String finishedIn(Run demo) {
    Matcher finished = Pattern.compile("Demo finished in (\\S+):").matcher(demo.stdout());
    assertThat(finished.find()).as(demo.toString()).isTrue();
    return finished.group(1);
  }

  /**
   * The root token, the MCP secrets' values and anything shaped like a token (every token the
   * stand-in minted) appear in neither the demo's output nor its logs.
   */
  private static void assertNoSecretValueIn(Run demo, Path dir) throws IOException {
    List<String> secrets = new ArrayList<>();
    secrets.add(Files.readString(dir.resolve("admin-token")).strip());
    try (Stream<Path> values = Files.list(dir.resolve("demo-secrets"))) {
      for (Path value : values.toList()) {
        secrets.add(Files.readString(value).strip());
      }
    }
    assertThat(secrets).hasSize(4).allMatch(value -> !value.isBlank());
    assertThat(TOKEN_SHAPED.matcher(secrets.get(0)).matches())
        .as("the token pattern recognises the stand-in's tokens, so the scan below can fail")
        .isTrue();
    List<String> texts =
        List.of(
            demo.stdout(),
            demo.stderr(),
            Files.readString(dir.resolve("operator.log")),
            Files.readString(dir.resolve("sandbox.log")));
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text.contains(secret)).as("a secret value was printed or logged").isFalse();
      }
      assertThat(TOKEN_SHAPED.matcher(text).find())
          .as("something token-shaped was printed or logged")
          .isFalse();
    }
  }

  /** Runs the packaged demo, collecting the processes it starts while it runs. */
  private Run runDemo(String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Repository.sandboxJar().toString(),
                "demo"));
    command.addAll(List.of(arguments));
    try {
      Path stdout = Files.createTempFile(work, "demo-", ".out");
      Path stderr = Files.createTempFile(work, "demo-", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().remove("KUBECONFIG");
      builder.environment().remove("BAO_TOKEN");
      Process process = builder.start();
      Set<ProcessHandle> descendants = new HashSet<>();
      long deadline = System.nanoTime() + DEMO_TIMEOUT.toNanos();
      // Waiting a second at a time notices the exit at once and sees each process it starts.
      while (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.descendants().forEach(descendants::add);
        if (System.nanoTime() > deadline) {
          process.destroy();
          process.waitFor(30, TimeUnit.SECONDS);
          descendants.forEach(ProcessHandle::destroyForcibly);
          throw new AssertionError(
              "The demo did not finish within "
                  + DEMO_TIMEOUT
                  + "; its output:\n"
                  + Files.readString(stdout));
        }
      }
      return new Run(
          process.exitValue(),
          Files.readString(stdout),
          Files.readString(stderr),
          Set.copyOf(descendants));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Run(int exitCode, String stdout, String stderr, Set<ProcessHandle> descendants) {
    @Override
    public String toString() {
      return "demo exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
