package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedOpenBaoAddressesTest {

  private static final AllowedOpenBaoAddresses LIST =
      AllowedOpenBaoAddresses.parse(
          "https://bao.example.com:8200, https://gateway.example.com/vault/, http://10.0.0.5");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "https://bao.example.com:8200, true",
    "https://BAO.example.com:8200/, true",
    "https://bao.example.com:8201, false",
    "http://bao.example.com:8200, false",
    "https://bao.example.com.evil.net:8200, false",
    "https://gateway.example.com/vault, true",
    "https://gateway.example.com:443/vault/team-a, true",
    "https://gateway.example.com/vaultx, false",
    "https://gateway.example.com, false",
    "https://gateway.example.com/vault/team-a/../../admin, false",
    "https://gateway.example.com/vault/%2e%2e/admin, false",
    "https://gateway.example.com/vault/..;/admin, false",
    "http://10.0.0.5:80/v1, true",
    "http://10.0.0.50, false"
  })
  void anEntryAllowsItsSchemeHostPortAndThePathsUnderIt(String address, boolean allowed) {
    assertThat(LIST.refusal(address).isEmpty()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"https://anything.example:1", "http://127.0.0.1:8200"})
  void noListAllowsAnyAddress(String address) {
    assertThat(AllowedOpenBaoAddresses.any().refusal(address)).isEmpty();
    assertThat(AllowedOpenBaoAddresses.parse(" , ").refusal(address)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bao.example.com:8200", "ftp://bao.example.com"})
  void anEntryThatIsNoAddressIsRefused(String entry) {
    assertThatThrownBy(() -> AllowedOpenBaoAddresses.parse(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenBao address");
  }
}
