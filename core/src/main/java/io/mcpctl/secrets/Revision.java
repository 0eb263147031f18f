package io.mcpctl.secrets;

import java.util.Objects;

/**
 * The version of a stored secret as its store counts them: a Kubernetes {@code resourceVersion}, or
 * an OpenBao KV v2 version number. Opaque outside the store that issued it; a write or delete that
 * names a revision succeeds only while the secret is still at that revision.
 */
public record Revision(String value) {

  public Revision {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
