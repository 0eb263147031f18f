package io.mcpctl.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.secret.SecretsFixture;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of migrating 100 secrets through the stand-in, both ways: wall time (printed to this
 * class's surefire output) and the OpenBao calls per secret, which must stay at the minimum the
 * protocol needs.
 */
class MigrationThroughputIT {

  private static final int SECRETS = 100;

  private static KubeFixture kube;
  private static OpenBaoStandIn bao;

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

  @Test
  void aHundredSecretsMoveToOpenBaoWithTwoCallsEachAndBackWithFourEach() {
    SecretsFixture fixture = new SecretsFixture(kube, bao);
    fixture.openBaoBackend("bao", "secret", "mcpctl", true);
    IntStream.rangeClosed(1, SECRETS)
        .forEach(
            i ->
                fixture.labelledSecret(
                    "default",
                    String.format("mcp-%03d", i),
                    Map.of("token", "value-" + i, "user", "u" + i)));

    Measured there = measure(fixture, "default", "bao");
    Measured back = measure(fixture, "bao", "default");

    assertThat(there.callsByKind())
        .as("per secret: the create (cas=0) and its read-back; nothing per run")
        .containsExactlyInAnyOrderEntriesOf(Map.of("POST data", SECRETS, "GET data", SECRETS));
    assertThat(back.callsByKind())
        .as(
            "one LIST per run; per secret: the read, the read of that version before delete, its"
                + " check-and-set write back that claims the key, the delete")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "LIST metadata",
                1,
                "GET data",
                2 * SECRETS,
                "POST data",
                SECRETS,
                "DELETE metadata",
                SECRETS));
    System.out.println(there.summary());
    System.out.println(back.summary());
  }

  private Measured measure(SecretsFixture fixture, String from, String to) {
    bao.requestLog().clear();
    long started = System.nanoTime();
    CliHarness.Result result = fixture.run("migrate", "secrets", "--from", from, "--to", to);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .endsWith("Total: " + SECRETS + " secrets: " + SECRETS + " moved.\n");
    return new Measured(from, to, took, bao.requestLog().entries());
  }

  private record Measured(String from, String to, Duration took, List<RequestRecord> calls) {

    Map<String, Integer> callsByKind() {
      return calls.stream()
          .collect(Collectors.toMap(Measured::kind, call -> 1, Integer::sum, TreeMap::new));
    }

    String summary() {
      return String.format(
          "migrate %d secrets %s -> %s: %d ms, %d OpenBao calls (%.2f per secret: %s)",
          SECRETS,
          from,
          to,
          took.toMillis(),
          calls.size(),
          calls.size() / (double) SECRETS,
          callsByKind());
    }

    private static String kind(RequestRecord call) {
      String path = call.path();
      String area =
          path.contains("/data/") ? "data" : path.contains("/metadata/") ? "metadata" : path;
      return call.method() + " " + area;
    }
  }
}
