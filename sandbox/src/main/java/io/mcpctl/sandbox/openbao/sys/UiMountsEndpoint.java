package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;

/**
 * {@code sys/internal/ui/mounts[/:path]}: unauthenticated at the router, but checking the token
 * itself. One mount is shown if the token has any non-deny capability on a path under it, which is
 * how a least-privilege client learns the KV version without {@code read} on {@code sys/mounts}.
 */
public final class UiMountsEndpoint {
  private final MountTable mounts;

  public UiMountsEndpoint(MountTable mounts) {
    this.mounts = mounts;
  }

  /** {@code acl} is null when the request carried no valid token. */
  public LogicalResponse handle(LogicalRequest request, String path, Acl acl) {
    if (request.operation() != Operation.READ) {
      throw ApiError.unsupportedOperation();
    }
    if (path.isEmpty()) {
      return listing(acl);
    }
    String mountPath = MountTable.normalize(path);
    ApiError preflight =
        ApiError.plain(
            403,
            "preflight capability check returned 403, please ensure client's policies grant access to path \""
                + mountPath
                + "\"");
    MountEntry entry = mounts.find(mountPath).orElseThrow(() -> preflight);
    if (acl == null) {
      throw ApiError.aclDenied();
    }
    if (!acl.hasMountAccess(entry.path)) {
      throw preflight;
    }
    ObjectNode data = entry.info();
    data.put("path", entry.path);
    return LogicalResponse.data(data);
  }

  private LogicalResponse listing(Acl acl) {
    ObjectNode secret = Json.object();
    if (acl != null) {
      for (MountEntry entry : mounts.all()) {
        if (acl.hasMountAccess(entry.path)) {
          secret.set(entry.path, entry.info());
        }
      }
    }
    ObjectNode data = Json.object();
    data.set("secret", secret);
    data.set("auth", Json.object());
    return LogicalResponse.data(data);
  }
}
