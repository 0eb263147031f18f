package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mcpctl.cli.common.ErrorReporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the plugin reads a file, fed a file that holds a secret (security issue item 7: {@code
 * --kubeconfig DIR/admin-token} printed the OpenBao root token). The command must fail and print
 * neither the secret nor any piece of it, on the normal path and when the client is built ahead.
 */
class MisdirectedFileLeakTest {

  /** Placeholders in {@link FileFlag#commandLine}. */
  private static final String FILE = "FILE";

  private static final String KUBECONFIG = "KUBECONFIG";
  private static final String TOKEN_FILE = "TOKEN_FILE";

  /**
   * A command line that hands {@code FILE} to one flag; {@code KUBECONFIG} is a kubeconfig for a
   * cluster that refuses connections and {@code TOKEN_FILE} a well-formed static token.
   */
  record FileFlag(String name, String commandLine, boolean connectingAhead) {

    String[] args(Path file, Path kubeconfig, Path tokenFile) {
      // TOKEN_FILE first: it contains FILE.
      return Arrays.stream(commandLine.split(" "))
          .map(
              word ->
                  word.replace(TOKEN_FILE, tokenFile.toString())
                      .replace(KUBECONFIG, kubeconfig.toString())
                      .replace(FILE, file.toString()))
          .toArray(String[]::new);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<FileFlag> FLAGS =
      List.of(
          new FileFlag(
              "--kubeconfig FILE (describe)",
              "describe secretbackend bao --kubeconfig FILE",
              false),
          new FileFlag(
              "--kubeconfig FILE (describe, connecting ahead)",
              "describe secretbackend bao --kubeconfig FILE",
              true),
          new FileFlag(
              "--kubeconfig=FILE before the command (list, connecting ahead)",
              "--kubeconfig=FILE list secrets",
              true),
          new FileFlag(
              "--kubeconfig FILE (create, never ahead)",
              "create secretbackend plain --type kubernetes --kubeconfig FILE",
              false),
          new FileFlag(
              "--admin-token-file FILE (wizard)",
              "create secretbackend bao --type openbao --wizard --url http://127.0.0.1:1"
                  + " --admin-token-file FILE --yes --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--token-file FILE (static token)",
              "create secretbackend bao --type openbao --url http://127.0.0.1:1"
                  + " --token-file FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--ca-file FILE (static token)",
              "create secretbackend bao --type openbao --url https://127.0.0.1:1"
                  + " --token-file TOKEN_FILE --ca-file FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--ca-file FILE (wizard)",
              "create secretbackend bao --type openbao --wizard --url https://127.0.0.1:1"
                  + " --admin-token-file TOKEN_FILE --ca-file FILE --yes --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--from-file FILE (create secret)",
              "create secret github --from-file FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--from-file token=FILE (create secret)",
              "create secret github --from-file token=FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "--from-env-file FILE (create secret)",
              "create secret github --from-env-file FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "@FILE, picocli's argument file (describe)",
              "describe secretbackend @FILE --kubeconfig KUBECONFIG",
              false),
          new FileFlag(
              "@FILE, picocli's argument file (wizard)",
              "create secretbackend bao --type openbao --wizard @FILE --kubeconfig KUBECONFIG",
              false));

  @TempDir Path directory;

  private Path unreachableKubeconfig;
  private Path staticToken;

  @BeforeEach
  void writeTheFilesTheOtherFlagsNeed() throws IOException {
    unreachableKubeconfig = kubeconfigFor(directory.resolve("kubeconfig"), "https://127.0.0.1:1");
    staticToken = Files.writeString(directory.resolve("static-token"), "s.StaticTokenForTests\n");
  }

  static Stream<Arguments> everyFlagWithEveryFile() {
    return FLAGS.stream()
        .flatMap(flag -> Arrays.stream(MisdirectedFile.values()).map(f -> Arguments.of(flag, f)));
  }

  @ParameterizedTest(name = "{0} given {1}")
  @MethodSource("everyFlagWithEveryFile")
  void aFileHandedToTheWrongFlagFailsWithoutPrintingItsSecret(
      FileFlag flag, MisdirectedFile misdirected) {
    MisdirectedFile.Written file = misdirected.writeInto(directory.resolve("sandbox"));
    CliHarness harness =
        flag.connectingAhead() ? new CliHarness().connectingAhead() : new CliHarness();

    CliHarness.Result result =
        harness.run(flag.args(file.path(), unreachableKubeconfig, staticToken));

    file.assertNotIn(result);
    file.assertNotInPluginLog();
    assertThat(result.exitCode()).as("exit code").isNotZero();
    assertThat(result.stderr().lines().filter(line -> line.startsWith("error: ")))
        .as("one error, reported once")
        .hasSize(1);
  }

  @Test
  void aServerThatAnswersWithSomethingOtherThanKubernetesJsonIsNotQuoted() throws IOException {
    MisdirectedFile.Written answer =
        MisdirectedFile.TOKEN_SECRET_VALUE.writeInto(directory.resolve("answer"));
    byte[] body = Files.readAllBytes(answer.path());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      Path kubeconfig =
          kubeconfigFor(
              directory.resolve("kubeconfig-for-another-server"),
              "http://127.0.0.1:" + server.getAddress().getPort());

      CliHarness.Result result =
          new CliHarness()
              .run("describe", "secretbackend", "bao", "--kubeconfig", kubeconfig.toString());

      answer.assertNotIn(result);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr().lines()).hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anUnexpectedFailureShowsItsTypeButNotItsMessage() {
    String sentence =
        ErrorReporter.sentence(
            new IllegalStateException("from String value ('s.QuotedByALibrary')"));

    assertThat(sentence)
        .isEqualTo("Unexpected IllegalStateException; please report it with the command you ran.");
  }

  static Path kubeconfigFor(Path file, String server) throws IOException {
    return Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {server: "%s"}
        users:
        - name: u
          user: {token: not-a-real-kubernetes-token}
        contexts:
        - name: c
          context: {cluster: c, user: u, namespace: team-a}
        current-context: c
        """
            .formatted(server),
        StandardCharsets.UTF_8);
  }
}
