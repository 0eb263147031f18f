package io.mcpctl.secrets;

import java.util.Objects;

/** A secret as read from a store, with the revision a check-and-set write or delete must name. */
public record StoredSecret(McpSecret secret, Revision revision) {

  public StoredSecret {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(revision, "revision");
  }
}
