package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultTokenTest {

  private static final String VALUE = "s.Q2hhbmdlTWVQbGVhc2U0Mjk";

  @Test
  void printsMaskedAndRevealsOnlyOnRequest() {
    VaultToken token = VaultToken.of(VALUE);

    assertThat(token.toString()).isEqualTo("VaultToken[****]");
    assertThat(String.valueOf(token)).doesNotContain(VALUE);
    assertThat("token=" + token).doesNotContain(VALUE);
    assertThat(token.reveal()).isEqualTo(VALUE);
  }

  @Test
  void stripsTheTrailingNewlineOfATokenFile() {
    assertThat(VaultToken.of(VALUE + "\n").reveal()).isEqualTo(VALUE);
  }

  @Test
  void comparesByValue() {
    assertThat(VaultToken.of(VALUE))
        .isEqualTo(VaultToken.of(VALUE))
        .hasSameHashCodeAs(VaultToken.of(VALUE));
    assertThat(VaultToken.of(VALUE)).isNotEqualTo(VaultToken.of(VALUE + "x"));
  }

  @Test
  void refusesMalformedValuesWithoutRepeatingThem() {
    assertThatThrownBy(() -> VaultToken.of("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> VaultToken.of("s.first s.second"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s.first")
        .hasMessageNotContaining("s.second");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"FEFF", "200B", "00E9", "00A0", "2028"})
  void refusesCharactersOutsidePrintableAsciiWithoutRepeatingTheValue(String codePoint) {
    String value =
        "s.AbCdEfGhIjKlMnOpQrStUvWx" + Character.toString(Integer.parseInt(codePoint, 16)) + "yz";

    assertThatThrownBy(() -> VaultToken.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-ASCII")
        .hasMessageNotContaining("AbCdEf");
  }

  /**
   * Why: the JDK refuses such a value as a header and quotes it whole in its exception, so a token
   * that got a byte-order mark from an editor would reach whatever quoted that exception.
   */
  @Test
  void theJdkQuotesAHeaderValueItRefuses() {
    assertThatThrownBy(
            () ->
                HttpRequest.newBuilder(URI.create("http://bao"))
                    .header("X-Vault-Token", "s.AbCdEf\uFEFF"))
        .hasMessageContaining("AbCdEf");
  }

  @Test
  void recordsThatHoldATokenPrintItMasked() {
    IssuedToken issued =
        new IssuedToken(
            VaultToken.of(VALUE),
            "accessor123",
            List.of("default", "mcpctl-bao"),
            List.of("default", "mcpctl-bao"),
            Duration.ofHours(720),
            true,
            true,
            "service",
            "",
            0,
            List.of());

    assertThat(issued.toString()).doesNotContain(VALUE).contains("VaultToken[****]");
  }

  @Test
  void aClientWithATokenPrintsItMasked() {
    OpenBaoClient client =
        OpenBaoClient.connect(OpenBaoConnection.of("http://127.0.0.1:8200"))
            .withToken(VaultToken.of(VALUE));

    assertThat(client.toString()).doesNotContain(VALUE).contains("VaultToken[****]");
  }
}
