package io.mcpctl.sandbox.openbao.sys;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;

/**
 * An engine the stand-in lists in the mount table but does not implement (cubbyhole, identity, pki,
 * transit, ...): every request gets OpenBao's {@code unsupported path}.
 */
final class InertBackend implements Backend {
  @Override
  public LogicalResponse handle(LogicalRequest request) {
    throw ApiError.unsupportedPath();
  }
}
