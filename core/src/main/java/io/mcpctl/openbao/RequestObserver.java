package io.mcpctl.openbao;

import java.time.Duration;

/**
 * Told about every exchange a client has with OpenBao, each attempt on its own, for metrics. It
 * sees the kind of call, how it ended and how long it took: never a path, a body or a token. Called
 * on the requesting thread, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestObserver {

  /** Observes nothing. */
  RequestObserver NONE = (operation, outcome, took) -> {};

  void exchanged(OpenBaoOperation operation, OpenBaoOutcome outcome, Duration took);
}
