package io.mcpctl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxMainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = SandboxMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpNamesTheUpCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("up", "Start the embedded Kubernetes API");
  }

  @Test
  void upHelpExplainsEveryOption() {
    assertThat(run("up", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--dir=DIR",
            "--port=N",
            "--openbao-port=N",
            "--openbao-tls",
            "--no-openbao",
            "--verbose",
            "DIR/ready",
            "SIGTERM");
  }

  @Test
  void withoutASubcommandItSaysWhatToRun() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Name a subcommand, e.g. `up --dir DIR`");
  }

  @Test
  void upNeedsADirectory() {
    assertThat(run("up")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--dir=DIR'");
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    assertThat(run("up", "--dir", "unused", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port 70000 is no TCP port; pass 0 for any free port");
  }
}
