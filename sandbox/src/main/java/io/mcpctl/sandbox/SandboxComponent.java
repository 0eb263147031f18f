package io.mcpctl.sandbox;

import java.util.List;

/**
 * One part of {@code sandbox up}: the embedded Kubernetes API, the OpenBao stand-in, later the
 * operator. {@code up} starts them in order, waits until each answers, and closes them in reverse.
 */
interface SandboxComponent extends AutoCloseable {

  /** A short name for logs and error messages, e.g. "embedded Kubernetes API". */
  String name();

  /** Starts the component and writes the files it shares through the sandbox directory. */
  void start(SandboxDirectory directory);

  /** Blocks until the component answers requests, or throws when it does not in time. */
  void awaitReady();

  /** Shell lines telling the user how to reach the component; no secret values. */
  List<String> howToUse(SandboxDirectory directory);

  @Override
  void close();
}
