package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.acl.Acl;
import io.mcpctl.sandbox.openbao.token.TokenEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A request after HTTP parsing and authentication: the operation (create or update already decided
 * by the existence check), the full path and the path inside its mount, the parameters, and the
 * caller's token and ACL ({@code null} on unauthenticated paths), and how far behind the active
 * node the answering node's state is (zero on the active node).
 */
public record LogicalRequest(
    Operation operation,
    String path,
    String relativePath,
    ObjectNode data,
    TokenEntry token,
    Acl acl,
    Instant now,
    ZoneId zone,
    Duration staleBy) {

  /** A request answered from the active node's own state. */
  public LogicalRequest(
      Operation operation,
      String path,
      String relativePath,
      ObjectNode data,
      TokenEntry token,
      Acl acl,
      Instant now,
      ZoneId zone) {
    this(operation, path, relativePath, data, token, acl, now, zone, Duration.ZERO);
  }

  public Fields fields() {
    return new Fields(data);
  }

  public LogicalRequest withOperation(Operation newOperation) {
    return new LogicalRequest(
        newOperation, path, relativePath, data, token, acl, now, zone, staleBy);
  }

  /**
   * Whether a change made at {@code changedAt} has reached the node answering: at once on the
   * active node, {@code staleBy} later on a standby, which runs every request on its own state
   * until the request comes to write (then it is forwarded to the active node).
   */
  public boolean sees(Instant changedAt) {
    return !changedAt.isAfter(now.minus(staleBy));
  }

  /** Whether a standby trailing the active node answers. */
  public boolean onStandby() {
    return !staleBy.isZero();
  }
}
