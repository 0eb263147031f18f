package io.mcpctl.sandbox.openbao.logical;

import java.util.Optional;

/** A mounted engine: it answers requests for paths relative to its mount. */
public interface Backend {

  /**
   * The existence check that decides between {@code create} and {@code update} for a write; empty
   * when the path has none, in which case writes always need {@code update}.
   */
  default Optional<Boolean> exists(LogicalRequest request) {
    return Optional.empty();
  }

  /** Whether the path is root-protected and so needs {@code sudo} besides its capability. */
  default boolean requiresSudo(String relativePath) {
    return false;
  }

  LogicalResponse handle(LogicalRequest request);
}
