package io.mcpctl.sandbox.openbao.acl;

import java.util.Locale;
import java.util.Optional;

/** ACL capabilities as bits, in OpenBao's bit order. */
public enum Capability {
  DENY(1),
  CREATE(1 << 1),
  READ(1 << 2),
  UPDATE(1 << 3),
  DELETE(1 << 4),
  LIST(1 << 5),
  SUDO(1 << 6),
  PATCH(1 << 7),
  SCAN(1 << 8);

  private final int bit;

  Capability(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean in(int bitmap) {
    return (bitmap & bit) != 0;
  }

  public static Optional<Capability> fromWireName(String name) {
    for (Capability capability : values()) {
      if (capability.wireName().equals(name)) {
        return Optional.of(capability);
      }
    }
    return Optional.empty();
  }
}
