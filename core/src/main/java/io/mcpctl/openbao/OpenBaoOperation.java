package io.mcpctl.openbao;

import java.util.Locale;

/**
 * What kind of call one exchange with OpenBao was. A small fixed set, named by the client method
 * that sends it, so that a metric labelled with it stays small: never a path, which would name
 * mounts, namespaces and backends without bound.
 */
public enum OpenBaoOperation {
  HEALTH,
  SEAL_STATUS,
  MOUNT_READ,
  MOUNT_ENABLE,
  POLICY_READ,
  POLICY_WRITE,
  POLICY_DELETE,
  ROLE_READ,
  ROLE_WRITE,
  ROLE_DELETE,
  MINT,
  LOOKUP_SELF,
  LIST_ACCESSORS,
  LOOKUP_ACCESSOR,
  RENEW_SELF,
  REVOKE_SELF,
  REVOKE_ACCESSOR,
  CAPABILITIES_SELF,
  KV_READ,
  KV_WRITE,
  KV_DELETE,
  KV_METADATA_READ,
  KV_METADATA_DELETE,
  KV_LIST;

  /** The lower-case name, as a Prometheus label value: {@code lookup_self}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
