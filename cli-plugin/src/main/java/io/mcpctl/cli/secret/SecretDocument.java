package io.mcpctl.cli.secret;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mcpctl.secrets.KvEntryFormat;
import io.mcpctl.secrets.McpSecret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code get secret} shows: name, place and keys with their sizes; the values only when
 * revealed, text values under {@code data} and other bytes base64 under {@code binaryData} (as a
 * ConfigMap splits them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretDocument(
    String name,
    String namespace,
    String backend,
    String backendType,
    List<KeySize> keys,
    Map<String, String> data,
    Map<String, String> binaryData) {

  /** A key and the length of its value in bytes. */
  public record KeySize(String key, int bytes) {}

  public static SecretDocument of(
      McpSecret secret, String backend, String backendType, boolean reveal) {
    List<KeySize> keys = new ArrayList<>();
    Map<String, String> text = new LinkedHashMap<>();
    Map<String, String> binary = new LinkedHashMap<>();
    secret
        .data()
        .forEach(
            (key, value) -> {
              keys.add(new KeySize(key, value.length));
              Optional<String> utf8 = KvEntryFormat.utf8Text(value);
              if (utf8.isPresent()) {
                text.put(key, utf8.get());
              } else {
                binary.put(key, Base64.getEncoder().encodeToString(value));
              }
            });
    return new SecretDocument(
        secret.name(),
        secret.namespace(),
        backend,
        backendType,
        keys,
        reveal && !text.isEmpty() ? text : null,
        reveal && !binary.isEmpty() ? binary : null);
  }

  /** The kubectl-describe-like text; values appear only when they were revealed. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("Name:       ").append(name).append('\n');
    out.append("Namespace:  ").append(namespace).append('\n');
    out.append("Backend:    ").append(backend).append(" (").append(backendType).append(")\n");
    out.append('\n').append("Data\n====\n");
    int width = keys.stream().mapToInt(k -> k.key().length()).max().orElse(0) + 1;
    for (KeySize key : keys) {
      out.append(String.format("%-" + width + "s  ", key.key() + ":"));
      if (data != null && data.containsKey(key.key())) {
        out.append(data.get(key.key()));
      } else if (binaryData != null && binaryData.containsKey(key.key())) {
        out.append("(base64) ").append(binaryData.get(key.key()));
      } else {
        out.append(key.bytes()).append(key.bytes() == 1 ? " byte" : " bytes");
      }
      out.append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SecretDocument[" + namespace + "/" + name + ", keys=" + keys + "]";
  }
}
