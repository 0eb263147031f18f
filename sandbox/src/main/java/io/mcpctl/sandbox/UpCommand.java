package io.mcpctl.sandbox;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code up}: starts the sandbox's components on loopback and keeps them until told to stop. */
@Command(
    name = "up",
    sortOptions = false,
    description = {
      "Start the embedded Kubernetes API and the OpenBao stand-in on loopback.",
      "",
      "Writes DIR/kubeconfig (for kubectl and fabric8 clients), DIR/openbao.env (BAO_ADDR and"
          + " BAO_TOKEN, readable by you only) and, once everything answers, DIR/ready. Runs until"
          + " Ctrl-C or SIGTERM, then stops cleanly and removes DIR/ready. Logs go to"
          + " DIR/sandbox.log.",
      ""
    })
final class UpCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description =
          "Folder for kubeconfig, openbao.env, ready and sandbox.log; created if missing.")
  private Path dir;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "N",
      description = "Loopback port of the Kubernetes API; 0 (the default) picks a free one.")
  private int port;

  @Option(
      names = "--openbao-port",
      defaultValue = "0",
      paramLabel = "N",
      description = "Loopback port of the OpenBao stand-in; 0 (the default) picks a free one.")
  private int openBaoPort;

  @Option(
      names = "--openbao-tls",
      description =
          "Serve the OpenBao stand-in over https; its CA goes to DIR/openbao-ca.pem and"
              + " BAO_CACERT.")
  private boolean openBaoTls;

  @Option(names = "--no-openbao", description = "Start no OpenBao stand-in (no DIR/openbao.env).")
  private boolean noOpenBao;

  @Option(names = "--verbose", description = "Log every API request to DIR/sandbox.log.")
  private boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() throws InterruptedException {
    checkPort("--port", port);
    checkPort("--openbao-port", openBaoPort);
    PrintWriter out = spec.commandLine().getOut();
    SandboxDirectory directory = new SandboxDirectory(dir);
    directory.create();
    refuseWhenAnotherSandboxRuns(directory);
    directory.removeReady();
    SandboxLogging.toFile(directory.log(), verbose, spec.commandLine().getErr());

    Deque<SandboxComponent> started = new ArrayDeque<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(directory, started), "sandbox-stop"));
    List<String> howToUse = new ArrayList<>();
    for (SandboxComponent component : components()) {
      synchronized (started) {
        started.push(component);
      }
      try {
        component.start(directory);
        component.awaitReady();
      } catch (RuntimeException e) {
        LOG.error("The {} did not start", component.name(), e);
        throw new IllegalStateException(
            "The " + component.name() + " did not start: " + e.getMessage(), e);
      }
      howToUse.addAll(component.howToUse(directory));
    }
    directory.writeReady("pid=" + ProcessHandle.current().pid() + "\n");
    LOG.info("Sandbox ready in {}", directory.root());

    out.println("mcpctl sandbox is up; logs in " + directory.log() + ". In another terminal:");
    out.println();
    howToUse.forEach(line -> out.println("  " + line));
    out.println();
    out.println(
        "Stop it with Ctrl-C here (or SIGTERM to pid " + ProcessHandle.current().pid() + ").");
    out.flush();
    new CountDownLatch(1).await();
    return 0;
  }

  private void checkPort(String option, int value) {
    if (value < 0 || value > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          option + " " + value + " is no TCP port; pass 0 for any free port or 1 to 65535.");
    }
  }

  private List<SandboxComponent> components() {
    List<SandboxComponent> components = new ArrayList<>();
    components.add(new KubernetesComponent(port));
    if (!noOpenBao) {
      components.add(new OpenBaoComponent(openBaoPort, openBaoTls));
    }
    return components;
  }

  private static void refuseWhenAnotherSandboxRuns(SandboxDirectory directory) {
    directory
        .pidOfPreviousSandbox()
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .ifPresent(
            running -> {
              throw new IllegalStateException(
                  "A sandbox (pid "
                      + running.pid()
                      + ") already runs from "
                      + directory.root()
                      + "; stop it first or pass another --dir.");
            });
  }

  /** Runs on Ctrl-C, SIGTERM and failed starts: nothing may look ready once stopping begins. */
  private static void stop(SandboxDirectory directory, Deque<SandboxComponent> started) {
    directory.removeReady();
    synchronized (started) {
      while (!started.isEmpty()) {
        SandboxComponent component = started.pop();
        try {
          component.close();
        } catch (RuntimeException e) {
          LOG.warn("Stopping the {} failed", component.name(), e);
        }
      }
    }
    LOG.info("Sandbox stopped");
  }
}
