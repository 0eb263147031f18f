package io.mcpctl.sandbox.demo;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.sandbox.KubernetesComponent;
import io.mcpctl.sandbox.Sandbox;
import io.mcpctl.sandbox.SandboxComponent;
import io.mcpctl.sandbox.SandboxDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of the demo: the sandbox, the shell the commands run in, and what earlier steps learned
 * for later ones (the stand-in's address, the migrate command the wizard printed).
 */
final class DemoRun implements AutoCloseable {

  static final String NAMESPACE = "default";
  static final String BACKEND = "bao";
  static final String TOKEN_SECRET = "bao-token";
  static final List<String> MCP_SECRETS = List.of("github", "slack", "jira");

  /** The shortest interval the wizard accepts. */
  static final String ROTATION_INTERVAL = "1m";

  /** A replaced token stays valid this long; the default 2m would outlast a 1m interval. */
  static final String DEMO_REVOKE_GRACE_PERIOD = "5s";

  /** Short, so that the operator notices a sealed OpenBao within seconds (its default is 1h). */
  static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(3);

  private final Sandbox sandbox;
  private final Transcript transcript;
  private final Shell shell;
  private final Path operatorJar;
  private final Path chart;
  private final List<String> running = new ArrayList<>();
  private BackendWatch watch;
  private OpenBaoAdmin openBao;
  private URI openBaoAddress;
  private String migrateCommand;

  private KubernetesComponent kubernetes;

  DemoRun(Sandbox sandbox, Transcript transcript, Shell shell, Path operatorJar, Path chart) {
    this.sandbox = sandbox;
    this.transcript = transcript;
    this.shell = shell;
    this.operatorJar = operatorJar;
    this.chart = chart;
  }

  Sandbox sandbox() {
    return sandbox;
  }

  SandboxDirectory directory() {
    return sandbox.directory();
  }

  Transcript transcript() {
    return transcript;
  }

  Shell shell() {
    return shell;
  }

  Path operatorJar() {
    return operatorJar;
  }

  /** The Helm chart whose ServiceAccount and RBAC the operator runs under. */
  Path chart() {
    return chart;
  }

  void kubernetesStarted(KubernetesComponent component) {
    this.kubernetes = component;
  }

  KubernetesComponent kubernetes() {
    return kubernetes;
  }

  /** Starts a component of the sandbox and remembers what runs where. */
  <C extends SandboxComponent> C start(C component) {
    try {
      sandbox.start(component);
    } catch (IllegalStateException didNotStart) {
      throw new StepFailed(didNotStart.getMessage());
    }
    running.add(component.describe());
    return component;
  }

  /** One line per running component, for the banner of {@code --keep}. */
  List<String> running() {
    return List.copyOf(running);
  }

  void openBaoStarted(URI address) {
    this.openBaoAddress = address;
    this.openBao = new OpenBaoAdmin(address, directory().adminToken());
  }

  Optional<URI> openBaoAddress() {
    return Optional.ofNullable(openBaoAddress);
  }

  OpenBaoAdmin openBao() {
    return openBao;
  }

  /** The bao backend's status, watched from the first step that needs it. */
  BackendWatch backend() {
    if (watch == null) {
      watch = new BackendWatch(directory().kubeconfig(), transcript, NAMESPACE, BACKEND);
    }
    return watch;
  }

  /** Where the MCP secrets' values are kept, one file each, so that they stay off the screen. */
  Path mcpSecretValues() {
    return directory().root().resolve("demo-secrets");
  }

  /** The MCP secrets on a kubernetes store: Secrets labelled with that backend's name. */
  List<String> secretsOnKubernetesStore(String backend) {
    return backend()
        .client()
        .secrets()
        .inNamespace(NAMESPACE)
        .withLabel(SecretBackend.BACKEND_LABEL, backend)
        .list()
        .getItems()
        .stream()
        .map(secret -> secret.getMetadata().getName())
        .toList();
  }

  void migrateCommand(String commandLine) {
    this.migrateCommand = commandLine;
  }

  String migrateCommand() {
    if (migrateCommand == null) {
      throw new StepFailed("No migrate command was learnt from the wizard's output.");
    }
    return migrateCommand;
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
  }
}
