package io.mcpctl.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtobufBodiesTest {

  @Test
  void aSecretAsKubectlSendsItBecomesTheSameSecretInJson() {
    byte[] metadata =
        concat(
            field(1, "token"),
            field(2, ""),
            field(3, "team-a"),
            field(11, concat(field(1, "app"), field(2, "mcpctl"))));
    byte[] secret =
        concat(
            field(1, metadata),
            field(2, concat(field(1, "token"), field(2, "abc"))),
            field(3, "Opaque"));

    ObjectNode json = ProtobufBodies.toJson(envelope("v1", "Secret", secret));

    assertThat(json.toString())
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"token\","
                + "\"namespace\":\"team-a\",\"labels\":{\"app\":\"mcpctl\"}},"
                + "\"data\":{\"token\":\"YWJj\"},\"type\":\"Opaque\"}");
  }

  @Test
  void aConfigMapAndANamespaceAreReadToo() {
    byte[] configMap =
        concat(field(1, field(1, "settings")), field(2, concat(field(1, "k"), field(2, "v"))));
    assertThat(
            ProtobufBodies.toJson(envelope("v1", "ConfigMap", configMap))
                .path("data")
                .path("k")
                .asText())
        .isEqualTo("v");

    byte[] namespace = field(1, field(1, "team-a"));
    assertThat(
            ProtobufBodies.toJson(envelope("v1", "Namespace", namespace))
                .path("metadata")
                .path("name")
                .asText())
        .isEqualTo("team-a");
  }

  @Test
  void anotherKindIsRefusedWith415AskingForJson() {
    assertThatThrownBy(() -> ProtobufBodies.toJson(envelope("v1", "Pod", field(1, field(1, "p")))))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.code()).isEqualTo(415);
              assertThat(e.getMessage()).contains("send Pod as application/json");
            });
  }

  @Test
  void aBodyWithoutTheEnvelopeOrCutShortIsABadRequest() {
    assertThatThrownBy(() -> ProtobufBodies.toJson("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    byte[] whole = envelope("v1", "Secret", field(1, field(1, "token")));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> ProtobufBodies.toJson(truncated))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    byte[] unknown =
        concat(
            field(1, concat(field(1, apiVersion), field(2, kind))),
            field(2, raw),
            field(3, ""),
            field(4, ""));
    return concat(new byte[] {'k', '8', 's', 0}, unknown);
  }

  private static byte[] field(int number, String value) {
    return field(number, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, (number << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
