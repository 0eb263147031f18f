package io.mcpctl.consumer;

/** How a container reads the token, which decides whether it ever sees a new one by itself. */
public enum ReadMode {
  /** {@code env[].valueFrom.secretKeyRef} or {@code envFrom[].secretRef}: fixed at start. */
  ENV("env"),
  /** A secret volume mounted with {@code subPath}: the kubelet never refreshes such a file. */
  SUBPATH("subPath volume"),
  /** A secret (or projected) volume: the kubelet rewrites the file after the Secret changes. */
  VOLUME("volume"),
  /** A volume the application reads once at start ({@code mcpctl.io/token-read: once}). */
  READ_ONCE("volume, read once");

  private final String shown;

  ReadMode(String shown) {
    this.shown = shown;
  }

  /** Whether the container picks up a new token without a restart. */
  public boolean refreshesItself() {
    return this == VOLUME;
  }

  @Override
  public String toString() {
    return shown;
  }
}
