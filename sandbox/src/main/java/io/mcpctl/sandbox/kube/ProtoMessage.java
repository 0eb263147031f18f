package io.mcpctl.sandbox.kube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One protocol-buffers message read field by field, without a schema: just the wire format. */
final class ProtoMessage {

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final Map<Integer, List<Object>> fields;

  private ProtoMessage(Map<Integer, List<Object>> fields) {
    this.fields = fields;
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a well-formed message
   */
  static ProtoMessage parse(byte[] bytes) {
    Map<Integer, List<Object>> fields = new LinkedHashMap<>();
    int[] position = {0};
    while (position[0] < bytes.length) {
      long tag = readVarint(bytes, position);
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      Object value =
          switch (wireType) {
            case VARINT -> readVarint(bytes, position);
            case FIXED64 -> skip(bytes, position, 8);
            case FIXED32 -> skip(bytes, position, 4);
            case LENGTH_DELIMITED -> {
              int length = (int) readVarint(bytes, position);
              yield skip(bytes, position, length);
            }
            default ->
                throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
          };
      fields.computeIfAbsent(field, unused -> new ArrayList<>()).add(value);
    }
    return new ProtoMessage(fields);
  }

  Optional<String> string(int field) {
    return bytes(field).map(value -> new String(value, StandardCharsets.UTF_8));
  }

  /**
   * An optional string field: Kubernetes' generated protobuf writes unset strings as empty ones,
   * which JSON leaves out.
   */
  Optional<String> nonEmptyString(int field) {
    return string(field).filter(value -> !value.isEmpty());
  }

  List<String> strings(int field) {
    return values(field).stream()
        .map(value -> new String((byte[]) value, StandardCharsets.UTF_8))
        .toList();
  }

  Optional<byte[]> bytes(int field) {
    List<Object> values = values(field);
    return values.isEmpty()
        ? Optional.empty()
        : Optional.of((byte[]) values.get(values.size() - 1));
  }

  Optional<Long> varint(int field) {
    List<Object> values = values(field);
    return values.isEmpty() ? Optional.empty() : Optional.of((Long) values.get(values.size() - 1));
  }

  Optional<ProtoMessage> message(int field) {
    return bytes(field).map(ProtoMessage::parse);
  }

  List<ProtoMessage> messages(int field) {
    return values(field).stream().map(value -> parse((byte[]) value)).toList();
  }

  private List<Object> values(int field) {
    return fields.getOrDefault(field, List.of());
  }

  private static long readVarint(byte[] bytes, int[] position) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= bytes.length) {
        throw new IllegalArgumentException("truncated protobuf varint");
      }
      byte b = bytes[position[0]++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed protobuf varint");
  }

  private static byte[] skip(byte[] bytes, int[] position, int length) {
    if (length < 0 || position[0] + length > bytes.length) {
      throw new IllegalArgumentException("truncated protobuf field");
    }
    byte[] value = new byte[length];
    System.arraycopy(bytes, position[0], value, 0, length);
    position[0] += length;
    return value;
  }
}
