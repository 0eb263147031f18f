package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which command lines start connecting to the cluster while picocli starts. */
class ConnectsAheadTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "describe secretbackend x | true",
        "rotate sb x --all | true",
        "migrate secrets --from a --to b | true",
        "list secrets | true",
        "create secretbackend x --type openbao --wizard | false",
        "describe secretbackend x --help | false",
        "describe -h | false",
        "version | false",
        "completion bash | false",
        "-n team describe sb x | true",
        "--kubeconfig k --context=c list secrets | true",
        "-h describe sb x | false",
        "nosuchcommand | false"
      })
  void connectsAheadOnlyForCommandsThatTalkToTheClusterAndAskNothing(
      String commandLine, boolean connects) {
    assertThat(McpctlCommand.connectsAhead(commandLine.split(" "))).isEqualTo(connects);
  }
}
