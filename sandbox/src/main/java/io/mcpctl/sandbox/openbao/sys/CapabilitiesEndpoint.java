package io.mcpctl.sandbox.openbao.sys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.acl.PolicyStore;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Json;
import io.mcpctl.sandbox.openbao.logical.LogicalRequest;
import io.mcpctl.sandbox.openbao.logical.LogicalResponse;
import io.mcpctl.sandbox.openbao.logical.Operation;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import io.mcpctl.sandbox.openbao.token.TokenStore;
import java.util.List;

/** {@code sys/capabilities-self} and {@code sys/capabilities}. */
final class CapabilitiesEndpoint {
  private final TokenStore tokens;
  private final PolicyStore policies;

  CapabilitiesEndpoint(TokenStore tokens, PolicyStore policies) {
    this.tokens = tokens;
    this.policies = policies;
  }

  LogicalResponse self(LogicalRequest request) {
    requireUpdate(request);
    return answer(request, request.acl());
  }

  LogicalResponse forToken(LogicalRequest request) {
    requireUpdate(request);
    String token = request.fields().string("token");
    if (token.isEmpty()) {
      throw ApiError.wrapped(400, "missing token");
    }
    TokenEntry entry =
        tokens.lookup(token).orElseThrow(() -> ApiError.wrapped(400, "invalid token"));
    return answer(request, policies.aclFor(entry.policies(), request.now()));
  }

  private static LogicalResponse answer(LogicalRequest request, Acl acl) {
    List<String> paths = request.fields().commaSlice("paths").orElse(List.of());
    if (paths.isEmpty()) {
      paths = request.fields().commaSlice("path").orElse(List.of());
    }
    if (paths.isEmpty()) {
      throw ApiError.badRequest("paths must be supplied");
    }
    ObjectNode data = Json.object();
    for (String path : paths) {
      data.set(path, Json.strings(acl.capabilities(path)));
    }
    if (paths.size() == 1) {
      data.set("capabilities", data.get(paths.get(0)));
    }
    return LogicalResponse.data(data);
  }

  private static void requireUpdate(LogicalRequest request) {
    if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
      throw ApiError.unsupportedOperation();
    }
  }
}
