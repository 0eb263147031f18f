package io.mcpctl.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an MCP secret's byte values are written as the string values of an OpenBao KV v2 entry.
 *
 * <ul>
 *   <li>A value that is valid UTF-8 is stored as that text, so people and other tools read it as
 *       they wrote it ({@code bao kv get} shows it plainly).
 *   <li>Any other value is stored as standard base64 (with padding), and its key is listed in the
 *       reserved entry key {@value #BASE64_KEYS}: the sorted keys so encoded, joined by commas. The
 *       reserved key is absent when no value needed base64.
 * </ul>
 *
 * <p>The reserved key contains a {@code /}, which no MCP secret key may contain ({@link
 * SecretNames#requireKey}), so it never collides with a real key; keys cannot contain commas
 * either, so the list needs no escaping. An entry written by another tool without the reserved key
 * reads as plain text values.
 */
public final class KvEntryFormat {

  /** The entry key listing the keys whose values are base64-encoded bytes. */
  public static final String BASE64_KEYS = "mcpctl.io/base64-keys";

  private KvEntryFormat() {}

  /** The entry that stores {@code secret}. */
  public static Map<String, String> encode(McpSecret secret) {
    Map<String, String> entry = new LinkedHashMap<>();
    Set<String> base64Keys = new TreeSet<>();
    secret
        .data()
        .forEach(
            (key, value) -> {
              Optional<String> text = utf8Text(value);
              if (text.isEmpty()) {
                base64Keys.add(key);
                entry.put(key, Base64.getEncoder().encodeToString(value));
              } else {
                entry.put(key, text.get());
              }
            });
    if (!base64Keys.isEmpty()) {
      entry.put(BASE64_KEYS, String.join(",", base64Keys));
    }
    return entry;
  }

  /**
   * The secret stored in {@code entry}.
   *
   * @throws IllegalArgumentException when the entry is not in this format (a key that is not a
   *     valid MCP secret key, or a base64 listing that does not match the values); the message
   *     names keys, never values
   */
  public static McpSecret decode(String namespace, String name, Map<String, String> entry) {
    Set<String> base64Keys = base64Keys(entry);
    Map<String, byte[]> data = new TreeMap<>();
    entry.forEach(
        (key, value) -> {
          if (key.equals(BASE64_KEYS)) {
            return;
          }
          data.put(key, base64Keys.contains(key) ? base64(key, value) : bytes(value));
        });
    for (String key : base64Keys) {
      if (!data.containsKey(key)) {
        throw new IllegalArgumentException(
            BASE64_KEYS + " lists the key '" + key + "', which the entry does not hold");
      }
    }
    return new McpSecret(namespace, name, data);
  }

  /** The text of {@code value} when it is valid UTF-8; empty for any other bytes. */
  public static Optional<String> utf8Text(byte[] value) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString());
    } catch (CharacterCodingException notUtf8) {
      return Optional.empty();
    }
  }

  private static Set<String> base64Keys(Map<String, String> entry) {
    String listing = entry.get(BASE64_KEYS);
    if (listing == null || listing.isEmpty()) {
      return Set.of();
    }
    return new TreeSet<>(List.of(listing.split(",", -1)));
  }

  private static byte[] base64(String key, String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(
          "the value of key '" + key + "' is listed in " + BASE64_KEYS + " but is not base64");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
