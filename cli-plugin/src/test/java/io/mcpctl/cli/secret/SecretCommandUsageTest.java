package io.mcpctl.cli.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.cli.CliHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors of the secret and migrate commands: exit 2, one line, before any connection. */
class SecretCommandUsageTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "create secret github | Give the secret's keys with --from-literal, --from-file or"
            + " --from-env-file",
        "create secret GitHub --from-literal a=b | The secret name given is not valid (not shown",
        "create secret --from-literal token s3cr3tTypedAsTheName | --from-literal takes"
            + " KEY=VALUE, and one of them has no '='",
        "get secret s3cr3t_Typed_As_The_Name | The secret name given is not valid (not shown",
        "create secret github --from-literal s3cr3t-typed-alone | --from-literal takes KEY=VALUE,"
            + " and one of them has no '='",
        "create secret github --from-literal a=1 --from-literal a=2 | The key 'a' is given twice",
        "create secret github --from-literal bad/key=1 | --from-literal number 1 has no valid key"
            + " before its '='",
        "get secret | Missing required parameter: 'NAME'",
        "get secret github -o xml | Invalid value for option '--output'",
        "delete secret | Missing required parameter: 'NAME'",
        "list secrets extra | Unmatched argument at index 2, not shown in case it is a secret",
        "migrate secrets --from default | Missing required option: '--to=BACKEND'",
        "migrate | Missing a subcommand; choose one of: secrets",
      })
  void usageErrorsExitWithTwoAndSayWhatIsWrong(String commandLine, String expected) {
    CliHarness.Result result = new CliHarness().run(commandLine.strip().split(" "));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr().lines()).hasSize(1);
    assertThat(result.stderr()).startsWith("error: " + expected).endsWith("--help' for usage.\n");
    assertThat(result.stderr()).doesNotContain("s3cr3t");
  }
}
