package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage errors about words in the wrong place name unknown options and keep picocli's suggestion,
 * but never show another word: the word after a mistyped option is its value, and a stray word may
 * be a token or a password.
 */
class StrayArgumentsTest {

  private static final String TOKEN = "s.Vq3KpL9xT2mN8rW4yZ6bC1dE";
  private static final String PASSWORD = "hunter2";

  /**
   * @param name what the case shows, as a sentence
   * @param commandLine the words typed after {@code kubectl mcpctl}
   * @param problem the error's sentence, before "; run '... --help' for usage."
   * @param secrets what must appear in no output, as typed and as base64
   */
  record Case(String name, List<String> commandLine, String problem, List<String> secrets) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "a token after a mistyped option is counted, the option named with its suggestion",
            List.of("audit", "tokens", "bao", "--admin-tokn", TOKEN),
            "Unknown option '--admin-tokn' (did you mean '--admin-token' or"
                + " '--admin-token-file'?) and 1 more argument, not shown in case it is a secret",
            List.of(TOKEN)),
        new Case(
            "a password after an empty --from-literal value is placed, not shown",
            List.of("create", "secret", "github", "--from-literal", "password=", PASSWORD),
            "Unmatched argument at index 5, not shown in case it is a secret",
            List.of(PASSWORD)),
        new Case(
            "a value attached to a mistyped option is cut off at its '='",
            List.of("create", "secret", "github", "--from-literl=token=" + TOKEN),
            "Unknown option '--from-literl' (did you mean '--from-literal'?)",
            List.of(TOKEN)),
        new Case(
            "several stray words are counted",
            List.of("list", "secrets", PASSWORD, TOKEN),
            "2 unmatched arguments from index 2, not shown in case one is a secret",
            List.of(PASSWORD, TOKEN)),
        new Case(
            "a value that looks like an option is not shown as the option's value",
            List.of("rotate", "secretbackend", "x", "--timeout", "-" + PASSWORD),
            "Expected parameter for option '--timeout' but found a word that looks like an"
                + " option (not shown in case it is a secret)",
            List.of(PASSWORD)),
        new Case(
            "a base64 value typed without its key has its invalid key not quoted",
            List.of(
                "create",
                "secret",
                "github",
                "--from-literal",
                "a=b",
                "--from-literal",
                "aHVudGVyMis/Pz8+Pg=="),
            "--from-literal number 2 has no valid key before its '='; write it as --from-literal"
                + " KEY=VALUE with a key of letters, digits, '-', '_' and '.'",
            List.of("aHVudGVyMis")),
        new Case(
            "a mistyped subcommand keeps picocli's suggestion",
            List.of("describe", "secretbakend", TOKEN),
            "2 unmatched arguments from index 1 (did you mean 'kubectl mcpctl describe"
                + " secretbackend'?), not shown in case one is a secret",
            List.of(TOKEN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aUsageErrorShowsNoWordButAnOptionsName(Case usage) {
    CliHarness.Result result = new CliHarness().run(usage.commandLine().toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).as(result.toString()).hasSize(1);
    assertThat(result.stderr())
        .startsWith("error: " + usage.problem() + "; run 'kubectl mcpctl ")
        .endsWith(" --help' for usage.\n");
    usage.secrets().forEach(secret -> LeakCheck.of(secret).assertNotIn(result));
  }
}
