package io.mcpctl.openbao;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An OpenBao token. It prints masked everywhere ({@code VaultToken[****]}); the value is reachable
 * only through {@link #reveal()}, which callers use exactly where the token must leave the process
 * (an HTTP header, the Kubernetes Secret meant for it).
 */
public final class VaultToken {

  private final String value;

  private VaultToken(String value) {
    this.value = value;
  }

  /**
   * Wraps a token value; surrounding whitespace (a trailing newline from a file) is removed.
   *
   * @throws IllegalArgumentException when the value is blank or contains anything but printable
   *     ASCII inside it (the message never repeats the value)
   */
  public static VaultToken of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "The OpenBao token is empty; pass the token value, for example from a file.");
    }
    String trimmed = value.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      // Printable ASCII only: OpenBao's tokens are, and anything else (a byte-order mark, a
      // zero-width space) makes the JDK refuse the header with the whole value in its message.
      if (c < '!' || c > '~') {
        throw new IllegalArgumentException(
            "The OpenBao token contains whitespace, control or non-ASCII characters (a byte-order"
                + " mark, for one); pass exactly one token.");
      }
    }
    return new VaultToken(trimmed);
  }

  /** The token value. Never log, print or put it in a message. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VaultToken that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "VaultToken[****]";
  }
}
