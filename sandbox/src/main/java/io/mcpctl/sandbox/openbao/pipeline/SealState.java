package io.mcpctl.sandbox.openbao.pipeline;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Initialised, sealed and standby flags, the single Shamir unseal key, and the cluster identity
 * health and seal-status report. An uninitialised server is also sealed.
 */
final class SealState {
  final String clusterName =
      "vault-cluster-" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
  final String clusterId = UUID.randomUUID().toString();
  final String unsealKey;
  private boolean initialized = true;
  private boolean sealed;
  private boolean standby;

  SealState() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.unsealKey = Base64.getEncoder().encodeToString(key);
  }

  synchronized boolean initialized() {
    return initialized;
  }

  synchronized boolean sealed() {
    return sealed || !initialized;
  }

  /** OpenBao reports {@code standby:true} whenever the node is not an unsealed active node. */
  synchronized boolean standby() {
    return standby || sealed();
  }

  synchronized void seal() {
    sealed = true;
  }

  synchronized void unseal() {
    sealed = false;
  }

  synchronized void setStandby(boolean value) {
    standby = value;
  }

  synchronized void setInitialized(boolean value) {
    initialized = value;
  }
}
