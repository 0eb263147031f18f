package io.mcpctl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
  void helpNamesTheUpAndDemoCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("up", "Start the embedded Kubernetes API", "demo", "Run the whole story");
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
            "--no-operator",
            "--operator-jar=FILE",
            "--health-check-interval=DURATION",
            "--verbose",
            "DIR/ready",
            "DIR/operator.log",
            "SIGTERM");
  }

  @Test
  void demoHelpExplainsEveryOption() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--dir=DIR",
            "--keep",
            "--operator-jar=FILE",
            "--plugin-dir=DIR",
            "Exits 0 when every step did what it should");
  }

  @Test
  void aHealthCheckIntervalThatIsNoDurationIsAUsageError() {
    assertThat(run("up", "--dir", "unused", "--health-check-interval", "soon")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "--health-check-interval soon is no duration of 1s or more; pass one such as 15s");
  }

  @Test
  void theLayoutIsFoundFromTheSandboxJarOrItsClassesFolder() {
    Path root = Path.of("/checkout");
    ProjectLayout fromJar =
        ProjectLayout.around(root.resolve("sandbox/target-x/mcpctl-sandbox.jar"));
    ProjectLayout fromClasses = ProjectLayout.around(root.resolve("sandbox/target/classes"));

    assertThat(fromJar).isEqualTo(new ProjectLayout(root, "target-x"));
    assertThat(fromJar.operatorJar())
        .isEqualTo(root.resolve("operator/target-x/mcpctl-operator.jar"));
    assertThat(fromJar.pluginDirectory()).isEqualTo(root.resolve("cli-plugin/target-x"));
    assertThat(fromClasses.operatorJar())
        .isEqualTo(root.resolve("operator/target/mcpctl-operator.jar"));
    assertThat(fromClasses.crds()).isEqualTo(root.resolve("crds"));
  }

  @Test
  void theBannerSaysWhatToExportAndTheWizardCommandWithTheTokenFile() {
    SandboxDirectory directory = new SandboxDirectory(Path.of("/tmp/sandbox"));
    List<String> lines =
        new UpBanner(
                directory,
                List.of("operator (pid 7)"),
                Optional.of(URI.create("http://127.0.0.1:8200")),
                true,
                Optional.of(Path.of("/checkout/cli-plugin/target")))
            .lines();

    assertThat(lines)
        .contains(
            "  operator (pid 7)",
            "  export KUBECONFIG=/tmp/sandbox/kubeconfig",
            "  export PATH=\"/checkout/cli-plugin/target:$PATH\"   # kubectl mcpctl",
            "  kubectl get sb -A",
            "  kubectl mcpctl create secretbackend bao --type openbao --wizard"
                + " --url http://127.0.0.1:8200 --admin-token-file /tmp/sandbox/admin-token --yes");
    assertThat(lines).anyMatch(line -> line.startsWith("  set -a; . /tmp/sandbox/openbao.env;"));
    assertThat(lines.get(lines.size() - 1)).endsWith("that stops the operator too.");
  }

  @Test
  void overHttpsTheWizardCommandPassesTheStandInsCa() {
    SandboxDirectory directory = new SandboxDirectory(Path.of("/tmp/sandbox"));
    List<String> lines =
        new UpBanner(
                directory,
                List.of(),
                Optional.of(URI.create("https://127.0.0.1:8200")),
                true,
                Optional.of(Path.of("/checkout/cli-plugin/target")))
            .lines();

    assertThat(lines)
        .anyMatch(line -> line.endsWith("--ca-file /tmp/sandbox/openbao-ca.pem --yes"));
  }

  @Test
  void withoutTheOperatorTheBannerSaysToApplyTheCrdFirst() {
    List<String> lines =
        new UpBanner(
                new SandboxDirectory(Path.of("/tmp/sandbox")),
                List.of(),
                Optional.empty(),
                false,
                Optional.empty())
            .lines();

    assertThat(lines)
        .contains(
            "  kubectl apply -f crds/ && kubectl apply -f examples/   # from the repository root")
        .noneMatch(line -> line.contains("openbao.env") || line.contains("mcpctl create"));
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
  void badOpenBaoClusterOrNamespaceOptionsAreUsageErrorsBeforeAnythingStarts() {
    assertThat(run("up", "--dir", "unused", "--openbao-namespace", "team-a/sys")).isEqualTo(2);
    assertThat(run("up", "--dir", "unused", "--openbao-replication-lag", "soon")).isEqualTo(2);
    assertThat(run("up", "--dir", "unused", "--openbao-standbys", "-1")).isEqualTo(2);
    assertThat(run("up", "--dir", "unused", "--no-openbao", "--openbao-namespace", "team-a"))
        .isEqualTo(2);
    assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("unused")))
        .as("nothing was started")
        .isFalse();
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    assertThat(run("up", "--dir", "unused", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("--port 70000 is no TCP port; pass 0 for any free port");
  }
}
