package io.mcpctl.sandbox;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox being run from one folder: the components started so far, stopped in reverse order on
 * {@link #close()}, which also runs on Ctrl-C and SIGTERM. Nothing looks ready once stopping
 * begins.
 */
public final class Sandbox implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxDirectory directory;
  private final Deque<SandboxComponent> started = new ArrayDeque<>();
  private boolean stopped;

  private Sandbox(SandboxDirectory directory) {
    this.directory = directory;
  }

  /**
   * Prepares {@code dir}: creates it, refuses when another sandbox runs from it, and sends the logs
   * to {@code DIR/sandbox.log}.
   *
   * @param err where to say that logging could not be redirected
   */
  public static Sandbox in(Path dir, boolean verbose, PrintWriter err) {
    SandboxDirectory directory = new SandboxDirectory(dir);
    directory.create();
    refuseWhenAnotherSandboxRuns(directory);
    directory.delete(directory.ready());
    SandboxLogging.toFile(directory.log(), verbose, err);
    Sandbox sandbox = new Sandbox(directory);
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
    return sandbox;
  }

  public SandboxDirectory directory() {
    return directory;
  }

  /** Starts a component and waits until it answers; it is stopped with the sandbox. */
  public <C extends SandboxComponent> C start(C component) {
    synchronized (started) {
      if (stopped) {
        throw new IllegalStateException(
            "The sandbox is stopping; " + component.name() + " not started.");
      }
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
    LOG.info("Started the {}", component.describe());
    return component;
  }

  /** Writes {@code DIR/ready} with this process's pid, for scripts waiting on the sandbox. */
  public void markReady() {
    directory.write(directory.ready(), "pid=" + ProcessHandle.current().pid() + "\n");
    LOG.info("Sandbox ready in {}", directory.root());
  }

  @Override
  public void close() {
    synchronized (started) {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        directory.delete(directory.ready());
      } catch (UncheckedIOException e) {
        LOG.warn("Could not remove {}", directory.ready(), e);
      }
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
}
