package io.mcpctl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KvEntryFormatTest {

  @Test
  void utf8ValuesAreStoredAsTheTextItselfWithoutTheReservedKey() {
    McpSecret secret =
        secret(
            Map.of(
                "token", utf8("ghp_abc123"),
                "note", utf8("grüße, 世界 🚀\nline two"),
                "empty", new byte[0]));

    Map<String, String> entry = KvEntryFormat.encode(secret);

    assertThat(entry)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("token", "ghp_abc123", "note", "grüße, 世界 🚀\nline two", "empty", ""));
  }

  @Test
  void otherValuesAreBase64AndTheirKeysAreListedSortedInTheReservedKey() {
    byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0x00, (byte) 0xff};
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    McpSecret secret =
        secret(Map.of("zeta.bin", image, "alpha.txt", latin1, "plain", utf8("hello")));

    Map<String, String> entry = KvEntryFormat.encode(secret);

    assertThat(entry)
        .containsEntry("plain", "hello")
        .containsEntry("zeta.bin", Base64.getEncoder().encodeToString(image))
        .containsEntry("alpha.txt", Base64.getEncoder().encodeToString(latin1))
        .containsEntry(KvEntryFormat.BASE64_KEYS, "alpha.txt,zeta.bin")
        .hasSize(4);
  }

  static Stream<Arguments> valuesThatAreNotUtf8() {
    return Stream.of(
        Arguments.of("a lone continuation byte", new byte[] {(byte) 0x80}),
        Arguments.of("an overlong slash", new byte[] {(byte) 0xc0, (byte) 0xaf}),
        Arguments.of(
            "a UTF-16 surrogate in UTF-8 form", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
        Arguments.of("a truncated euro sign", new byte[] {(byte) 0xe2, (byte) 0x82}),
        Arguments.of(
            "a code point above U+10FFFF",
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
        Arguments.of("0xff", new byte[] {'o', 'k', (byte) 0xff}));
  }

  @ParameterizedTest(name = "{0} is stored as base64 and read back byte for byte")
  @MethodSource("valuesThatAreNotUtf8")
  void invalidUtf8IsDetectedAndSurvives(String description, byte[] value) {
    McpSecret secret = secret(Map.of("value", value));

    Map<String, String> entry = KvEntryFormat.encode(secret);

    assertThat(entry).containsEntry(KvEntryFormat.BASE64_KEYS, "value");
    assertThat(KvEntryFormat.decode("team-a", "github", entry)).isEqualTo(secret);
  }

  @Test
  void randomBytesOfEveryLengthSurviveTheRoundTrip() {
    Random random = new Random(42);
    Map<String, byte[]> data = new LinkedHashMap<>();
    IntStream.range(0, 200)
        .forEach(
            length -> {
              byte[] value = new byte[length];
              random.nextBytes(value);
              data.put("k" + length, value);
            });
    McpSecret secret = secret(data);

    McpSecret decoded = KvEntryFormat.decode("team-a", "github", KvEntryFormat.encode(secret));

    assertThat(decoded).isEqualTo(secret);
    data.forEach(
        (key, value) ->
            assertThat(decoded.value(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value)));
  }

  @Test
  void utf8TextThatLooksLikeBase64IsNotDecoded() {
    McpSecret secret = secret(Map.of("looks-encoded", utf8("aGVsbG8=")));

    Map<String, String> entry = KvEntryFormat.encode(secret);

    assertThat(entry).doesNotContainKey(KvEntryFormat.BASE64_KEYS);
    assertThat(KvEntryFormat.decode("team-a", "github", entry).value("looks-encoded"))
        .hasValueSatisfying(
            v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("aGVsbG8="));
  }

  @Test
  void anEntryWrittenByAnotherToolReadsAsText() {
    McpSecret decoded =
        KvEntryFormat.decode("team-a", "github", Map.of("token", "written-by-bao-kv-put"));

    assertThat(decoded).isEqualTo(secret(Map.of("token", utf8("written-by-bao-kv-put"))));
  }

  @Test
  void theReservedKeyCanNeverBeAnMcpSecretKey() {
    assertThatThrownBy(() -> secret(Map.of(KvEntryFormat.BASE64_KEYS, utf8("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid");
  }

  @Test
  void aListingThatNamesAMissingKeyIsRefusedByName() {
    assertThatThrownBy(
            () ->
                KvEntryFormat.decode(
                    "team-a", "github", Map.of("a", "x", KvEntryFormat.BASE64_KEYS, "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'b'");
  }

  @Test
  void aListedValueThatIsNotBase64IsRefusedWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                KvEntryFormat.decode(
                    "team-a", "github", Map.of("a", "not*base64!", KvEntryFormat.BASE64_KEYS, "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'")
        .hasMessageNotContaining("not*base64!");
  }

  @Test
  void aForeignKeyThatNoKubernetesSecretCouldHoldIsRefused() {
    assertThatThrownBy(
            () -> KvEntryFormat.decode("team-a", "github", Map.of("my key", "foreign-value")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'my key'")
        .hasMessageNotContaining("foreign-value");
  }

  private static McpSecret secret(Map<String, byte[]> data) {
    return new McpSecret("team-a", "github", data);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
