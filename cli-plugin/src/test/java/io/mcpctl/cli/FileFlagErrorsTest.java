package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one sentence each flag that reads a file says when the file is not what the flag wants: the
 * path and what is wrong, what to do, exit code 1, and nothing of the content.
 */
class FileFlagErrorsTest {

  /**
   * {@code commandLine} hands {@code FILE} (holding {@code content}, or a folder when null) to a
   * flag; {@code KUBECONFIG} is a kubeconfig for a cluster that refuses connections and {@code
   * TOKEN_FILE} a well-formed token. The expected sentence names the file as {@code FILE}.
   */
  record Case(String name, String commandLine, String content, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String KUBECONFIG_ADVICE =
      "; pass --kubeconfig with your cluster's kubeconfig file, or point KUBECONFIG at it.";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "an empty kubeconfig",
            "describe secretbackend bao --kubeconfig FILE",
            "",
            "FILE is not a kubeconfig" + KUBECONFIG_ADVICE),
        new Case(
            "a kubeconfig of two YAML documents",
            "describe secretbackend bao --kubeconfig FILE",
            "---\na: 1\n---\nb: 2\n",
            "FILE is not a kubeconfig" + KUBECONFIG_ADVICE),
        new Case(
            "a kubeconfig that is YAML but has no context",
            "describe secretbackend bao --kubeconfig FILE",
            "BAO_TOKEN: s.NotAKubeconfigField\n",
            "FILE is not a kubeconfig" + KUBECONFIG_ADVICE),
        new Case(
            "a kubeconfig that is a folder",
            "describe secretbackend bao --kubeconfig FILE",
            null,
            "FILE is not a kubeconfig" + KUBECONFIG_ADVICE),
        new Case(
            "a CA file without a PEM certificate (static token)",
            "create secretbackend bao --type openbao --url https://bao:8200 --token-file TOKEN_FILE"
                + " --ca-file FILE --kubeconfig KUBECONFIG",
            "s.NotACertificate\n",
            "The file FILE given to --ca-file holds no PEM certificate; pass the PEM file of the CA"
                + " that signed OpenBao's certificate."),
        new Case(
            "a CA file with a private key beside its certificate (static token)",
            "create secretbackend bao --type openbao --url https://bao:8200 --token-file TOKEN_FILE"
                + " --ca-file FILE --kubeconfig KUBECONFIG",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                + "-----END PRIVATE KEY-----\n",
            "The file FILE given to --ca-file holds a private key, which would be stored in a"
                + " Secret with the certificates; pass a file with only the CA certificates."),
        new Case(
            "a CA file with an RSA key before its certificate (wizard)",
            "create secretbackend bao --type openbao --wizard --url https://127.0.0.1:1"
                + " --admin-token-file TOKEN_FILE --ca-file FILE --yes --kubeconfig KUBECONFIG",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretRsaKey\n"
                + "-----END RSA PRIVATE KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            "The file FILE given to --ca-file holds a private key, which would be stored in a"
                + " Secret with the certificates; pass a file with only the CA certificates."),
        new Case(
            "a CA file whose certificate cannot be read (wizard)",
            "create secretbackend bao --type openbao --wizard --url https://127.0.0.1:1"
                + " --admin-token-file TOKEN_FILE --ca-file FILE --yes --kubeconfig KUBECONFIG",
            "-----BEGIN CERTIFICATE-----\ns.NotBase64\n-----END CERTIFICATE-----\n",
            "The file FILE given to --ca-file holds no certificate that can be read; pass the PEM"
                + " file of the CA that signed OpenBao's certificate."),
        new Case(
            "a token file of several lines",
            "create secretbackend bao --type openbao --url http://bao:8200 --token-file FILE"
                + " --kubeconfig KUBECONFIG",
            "BAO_ADDR=http://127.0.0.1:8200\nBAO_TOKEN=s.InsideAnEnvFile\n",
            "The file FILE given to --token-file does not hold exactly one token (it is empty, or"
                + " has spaces or several lines); put only the token in it."),
        new Case(
            "an env file line whose key is no key",
            "create secret github --from-env-file FILE --kubeconfig KUBECONFIG",
            "# saved from kubectl\naHZzLkFiYy9EZWY+R2hp=\n",
            "Line 2 of FILE has no valid key before its '='; write each line as KEY=VALUE with a"
                + " key of letters, digits, '-', '_' and '.'."),
        new Case(
            "an env file that gives a key twice",
            "create secret github --from-env-file FILE --kubeconfig KUBECONFIG",
            "token=a\ns.RepeatedKey=b\ns.RepeatedKey=c\n",
            "Line 3 of FILE repeats a key given before; give each key once."));
  }

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFileThatIsNotWhatTheFlagWantsIsNamedWithWhatToDo(Case example) throws IOException {
    Path file = directory.resolve("input");
    if (example.content() == null) {
      Files.createDirectories(file);
    } else {
      Files.writeString(file, example.content());
    }
    Path kubeconfig =
        MisdirectedFileLeakTest.kubeconfigFor(
            directory.resolve("kubeconfig"), "https://127.0.0.1:1");
    Path token = Files.writeString(directory.resolve("token"), "s.WellFormedTokenForTests\n");
    String[] args =
        Arrays.stream(example.commandLine().split(" "))
            // TOKEN_FILE first: it contains FILE.
            .map(word -> word.replace("TOKEN_FILE", token.toString()))
            .map(word -> word.replace("KUBECONFIG", kubeconfig.toString()))
            .map(word -> word.replace("FILE", file.toString()))
            .toArray(String[]::new);

    CliHarness.Result direct = new CliHarness().run(args);
    CliHarness.Result ahead = new CliHarness().connectingAhead().run(args);

    assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(1);
    assertThat(direct.stderr())
        .isEqualTo("error: " + example.expected().replace("FILE", file.toString()) + "\n");
    assertThat(ahead.stderr()).as("connecting ahead").isEqualTo(direct.stderr());
  }

  @ParameterizedTest(name = "--admin-token-file {0}")
  @MethodSource
  void aMissingFileIsNamedUnlessTheNameLooksLikeTheSecret(String given, String shown) {
    CliHarness.Result result =
        new CliHarness()
            .run(
                "create",
                "secretbackend",
                "bao",
                "--type",
                "openbao",
                "--wizard",
                "--url",
                "https://127.0.0.1:1",
                "--admin-token-file",
                given,
                "--yes");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: The file "
                + shown
                + " given to --admin-token-file does not exist; pass the path of an existing"
                + " file.\n");
  }

  static Stream<Arguments> aMissingFileIsNamedUnlessTheNameLooksLikeTheSecret() {
    return Stream.of(
        Arguments.of("/no/such/admin-token", "/no/such/admin-token"),
        Arguments.of("admin-token.txt", "admin-token.txt"),
        Arguments.of(
            "hvs.CAESIJlSecretLookingAdminTokenValue0123",
            "(43 characters, not shown in case it is the secret itself)"),
        Arguments.of(
            "correct-horse-battery-staple-and-then-some-more",
            "(47 characters, not shown in case it is the secret itself)"));
  }
}
