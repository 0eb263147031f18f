package io.mcpctl.operator.reconcile;

import io.mcpctl.api.v1alpha1.SecretBackend;

/** Where Kubernetes events about a backend go. */
public interface EventSink {

  /**
   * @param type Normal or Warning
   * @param reason Rotated, RotationFailed, RevokeFailed, TokenExpiringSoon or InvalidSpec
   * @param message one sentence; never a token
   */
  void emit(SecretBackend backend, String type, String reason, String message);
}
