package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.TlsSpec;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenBaoConnectionTest {

  @ParameterizedTest(name = "{0} becomes {1}")
  @CsvSource({
    "https://bao.example.com:8200, https://bao.example.com:8200",
    "https://bao.example.com:8200/, https://bao.example.com:8200",
    "HTTP://127.0.0.1:8200, http://127.0.0.1:8200",
    "https://gateway.example.com/vault/, https://gateway.example.com/vault"
  })
  void normalisesTheAddress(String given, String expected) {
    assertThat(OpenBaoConnection.of(given).address()).hasToString(expected);
  }

  @ParameterizedTest(name = "address \"{0}\" is refused")
  @ValueSource(
      strings = {
        "",
        "bao.example.com:8200",
        "http://127.0.0.1:99999",
        "http://bao:0",
        "http://bao:/v1",
        "ftp://bao",
        "https://",
        "https://u:p@bao:8200",
        "https://bao:8200?x=1",
        "https://gateway.example.com/vault/team-a/../team-b",
        "https://gateway.example.com/vault/team-a/./x",
        "https://gateway.example.com/vault/team-a/..",
        "https://gateway.example.com/vault/team-a/%2e%2e/admin",
        "https://gateway.example.com/vault/team-a%2Fx",
        "https://gateway.example.com/vault/team-a/..;/admin",
        "https://gateway.example.com/vault/team-a\\..\\admin",
        "https://gateway.example.com/vault//team-a"
      })
  void refusesAddressesThatAreNotHttpUrls(String address) {
    assertThatThrownBy(() -> OpenBaoConnection.of(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenBao address");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://root:s3cret-pw@bao.example.com:99999",
        "https://root:s3cret-pw@bao.example.com:/v1",
        "ftp://root:s3cret-pw@bao.example.com:8200",
        "https://root:s3cret-pw@bao.example.com:8200?x=1",
        "https://root:s3cret pw@bao.example.com:8200",
        "root:s3cret-pw@bao.example.com:8200",
        "https://root:s3cret-pw@bao.example.com:8200",
        "https://root:s3cret/pw@bao.example.com:8200",
        "https://root:s3cret#pw@bao.example.com:99999",
        "https:/root:s3cret-pw@bao.example.com:8200",
        "https://bao.example.com:8200/a/../x?root=s3cret",
        "https://bao.example.com:8200/%2e%2e/x#root-s3cret"
      })
  void aRefusalNeverQuotesCredentialsWrittenIntoTheAddress(String address) {
    assertThatThrownBy(() -> OpenBaoConnection.of(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenBao address")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("root");
  }

  @ParameterizedTest(name = "{0} is quoted as {1}")
  @CsvSource({
    "https://root:pw@bao:99999, https://…@bao:99999",
    "https://bao:99999/path@x, https://…@x",
    "https://admin:pa/ss@bao:8200, https://…@bao:8200",
    "https://admin:pa?ss@bao:8200, https://…@bao:8200",
    "https:/u:pw@bao, …@bao",
    "//u:pw@bao, …@bao",
    "https://bao:99999?token=s.abc#x, https://bao:99999?…",
    "a:b@c@bao:1, …@bao:1",
    "https://bao:99999, https://bao:99999",
    "s.AbCdEfGhIjKlMnOpQrStUvWx, ****",
    "hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWx, ****",
    "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d, ****"
  })
  void quotesTheAddressWithoutItsUserInfo(String address, String quoted) {
    assertThat(OpenBaoConnection.quotable(address)).isEqualTo(quoted);
  }

  @Test
  void aBlankNamespaceIsTheRootNamespace() {
    assertThat(OpenBaoConnection.builder("http://bao:8200").namespace("  ").build().namespace())
        .isEmpty();
    assertThat(
            OpenBaoConnection.builder("http://bao:8200").namespace("team-a/").build().namespace())
        .contains("team-a/");
  }

  @Test
  void refusesACaBundleTogetherWithInsecure() {
    assertThatThrownBy(
            () ->
                OpenBaoConnection.builder("https://bao:8200")
                    .caBundlePem("-----BEGIN CERTIFICATE-----")
                    .insecureSkipVerify(true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insecureSkipVerify");
  }

  @Test
  void refusesNonPositiveTimeouts() {
    assertThatThrownBy(
            () -> OpenBaoConnection.builder("https://bao:8200").requestTimeout(Duration.ZERO))
        .hasMessageContaining("request timeout");
    assertThatThrownBy(
            () ->
                OpenBaoConnection.builder("https://bao:8200")
                    .connectTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("connect timeout");
  }

  @Test
  void aSpecsOpenBaoNamespaceThatNoHeaderCanCarryIsRefusedWithoutQuotingIt() {
    OpenBaoSpec spec = new OpenBaoSpec();
    spec.setAddress("https://bao.example.com:8200");
    spec.setNamespace("team-a\r\nX-Forged: 1");

    assertThatThrownBy(() -> OpenBaoConnection.fromSpec(spec, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "spec.openbao.namespace is not an OpenBao namespace: a namespace name in it contains"
                + " a space.");
  }

  @Test
  void buildsFromASecretBackendSpec() {
    OpenBaoSpec spec = new OpenBaoSpec();
    spec.setAddress("https://bao.example.com:8200");
    spec.setNamespace("team-a");
    TlsSpec tls = new TlsSpec();
    tls.setInsecureSkipVerify(true);
    spec.setTls(tls);

    OpenBaoConnection connection = OpenBaoConnection.fromSpec(spec, Optional.empty());

    assertThat(connection.address()).hasToString("https://bao.example.com:8200");
    assertThat(connection.namespace()).contains("team-a");
    assertThat(connection.insecureSkipVerify()).isTrue();
    assertThat(connection.connectTimeout()).isEqualTo(OpenBaoConnection.DEFAULT_CONNECT_TIMEOUT);
    assertThat(connection.toString()).contains("tls=insecure").contains("team-a");
  }

  @Test
  void aCaBundleWithoutCertificatesIsRefusedWhenConnecting() {
    OpenBaoConnection connection =
        OpenBaoConnection.builder("https://bao:8200").caBundlePem("not a certificate").build();

    assertThatThrownBy(() -> OpenBaoClient.connect(connection))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CA bundle");
  }
}
