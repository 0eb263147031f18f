package io.mcpctl.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSetupTest {

  @Test
  void anythingShapedLikeATokenIsMaskedOnTheWayOut() {
    assertThat(
            LogSetup.masked(
                "header was s.AbCdEfGhIjKlMnOpQrStUvWx and hvs.AbCdEfGhIjKlMnOpQrStUvWxYz12"))
        .isEqualTo("header was **** and ****");
  }

  @Test
  void ordinaryWordsWithDotsAreLeftAlone() {
    assertThat(LogSetup.masked("team-a/bao rotated; next at 2025-06-01T12:00:00Z (s.short)"))
        .isEqualTo("team-a/bao rotated; next at 2025-06-01T12:00:00Z (s.short)");
  }

  @Test
  void jsonStringsEscapeQuotesControlsAndNewlines() {
    assertThat(LogSetup.quoted("a \"b\"\n\tc\u0001")).isEqualTo("\"a \\\"b\\\"\\n\\tc\\u0001\"");
  }
}
