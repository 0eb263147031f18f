package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A request after HTTP parsing and authentication: the operation (create or update already decided
 * by the existence check), the full path and the path inside its mount, the parameters, and the
 * caller's token and ACL ({@code null} on unauthenticated paths).
 */
public record LogicalRequest(
    Operation operation,
    String path,
    String relativePath,
    ObjectNode data,
    TokenEntry token,
    Acl acl,
    Instant now,
    ZoneId zone) {

  public Fields fields() {
    return new Fields(data);
  }

  public LogicalRequest withOperation(Operation newOperation) {
    return new LogicalRequest(newOperation, path, relativePath, data, token, acl, now, zone);
  }
}
