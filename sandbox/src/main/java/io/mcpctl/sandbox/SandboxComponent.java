package io.mcpctl.sandbox;

/**
 * One part of a sandbox: the embedded Kubernetes API, the OpenBao stand-in, the operator. {@link
 * Sandbox} starts them in order, waits until each answers, and closes them in reverse.
 */
public interface SandboxComponent extends AutoCloseable {

  /** A short name for logs and error messages, e.g. "embedded Kubernetes API". */
  String name();

  /** Starts the component and writes the files it shares through the sandbox directory. */
  void start(SandboxDirectory directory);

  /** Blocks until the component answers requests, or throws when it does not in time. */
  void awaitReady();

  /** Where it runs, for the user, e.g. "embedded Kubernetes API at https://127.0.0.1:6443". */
  String describe();

  /** Stops it; safe to call more than once and concurrently with {@link #start}. */
  @Override
  void close();
}
