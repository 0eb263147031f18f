package io.mcpctl.sandbox.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Just enough DER (ASN.1) encoding to write an X.509 certificate. */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  static byte[] sequence(byte[]... elements) {
    return tagged(0x30, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return tagged(0x31, concat(elements));
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] octetString(byte[] content) {
    return tagged(0x04, content);
  }

  /** A BIT STRING with the given number of unused trailing bits in its last byte. */
  static byte[] bitString(int unusedBits, byte[] content) {
    return tagged(0x03, concat(new byte[] {(byte) unusedBits}, content));
  }

  static byte[] utf8(String text) {
    return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime before 2050, GeneralizedTime from then on, as RFC 5280 requires. */
  static byte[] time(Instant instant) {
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
    if (utc.getYear() < 2050) {
      return tagged(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }
    return tagged(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long value = Long.parseLong(parts[i]);
      byte[] base128 = new byte[10];
      int length = 0;
      do {
        base128[length++] = (byte) (value & 0x7f);
        value >>>= 7;
      } while (value > 0);
      for (int j = length - 1; j >= 0; j--) {
        out.write(base128[j] | (j > 0 ? 0x80 : 0));
      }
    }
    return tagged(0x06, out.toByteArray());
  }

  /** A context-specific tag: constructed {@code [n] EXPLICIT} or primitive {@code [n] IMPLICIT}. */
  static byte[] contextTag(int number, boolean constructed, byte[] content) {
    return tagged((constructed ? 0xa0 : 0x80) | number, content);
  }

  static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
      int start = lengthBytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (lengthBytes.length - start));
      out.write(lengthBytes, start, lengthBytes.length - start);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
