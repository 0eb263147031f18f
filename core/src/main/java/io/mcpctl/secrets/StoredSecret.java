package io.mcpctl.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * A secret as read from a store, with the revision a check-and-set write or delete must name.
 *
 * @param stamp what tells this very write of the entry from any other, where the store has it (an
 *     OpenBao KV version's number and creation time): two backends that reach one entry under two
 *     addresses or paths read the same stamp, two entries that merely hold one value do not
 */
public record StoredSecret(McpSecret secret, Revision revision, Optional<String> stamp) {

  public StoredSecret {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(stamp, "stamp");
  }

  public StoredSecret(McpSecret secret, Revision revision) {
    this(secret, revision, Optional.empty());
  }

  /** True when both were read from the very same write of one entry. */
  public boolean sameWriteAs(StoredSecret other) {
    return stamp.isPresent() && stamp.equals(other.stamp);
  }
}
