package io.mcpctl.openbao;

/** What {@code sys/health} (or the attempt to reach it) says about an OpenBao node. */
public enum HealthState {
  /** Initialised, unsealed and active (200): ready for every call. */
  ACTIVE,
  /** An HA standby (429): unsealed but not the active node. */
  STANDBY,
  /** Sealed (503 with a health body): nothing works until it is unsealed. */
  SEALED,
  /** Not initialised (501): {@code bao operator init} was never run. */
  UNINITIALISED,
  /** No answer: refused, unknown host, timed out, reset, or a proxy's 502/503/504. */
  UNREACHABLE,
  /** The TLS handshake failed: untrusted certificate, wrong host name, or http vs https. */
  TLS_REFUSED
}
