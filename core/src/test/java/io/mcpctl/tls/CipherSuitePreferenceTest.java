package io.mcpctl.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class CipherSuitePreferenceTest {

  @Test
  void chaChaMovesAheadAndEverythingElseKeepsItsOrder() {
    String[] jdkOrder = {
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"
    };

    assertThat(CipherSuitePreference.chaChaFirst(jdkOrder))
        .containsExactly(
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
  }

  @Test
  void theJdksSuitesAreOnlyReordered() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    String[] defaults = context.getDefaultSSLParameters().getCipherSuites();

    SSLParameters preferred = CipherSuitePreference.chaChaFirst(context);

    assertThat(preferred.getCipherSuites()).containsExactlyInAnyOrder(defaults);
    assertThat(preferred.getCipherSuites()[0]).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(preferred.getProtocols())
        .containsExactly(context.getDefaultSSLParameters().getProtocols());
  }

  @Test
  void givenProtocolsReplaceTheDefaults() {
    assertThat(CipherSuitePreference.chaChaFirst(List.of("TLSv1.3")).getProtocols())
        .containsExactly("TLSv1.3");
    assertThat(CipherSuitePreference.chaChaFirst(List.of()).getProtocols()).contains("TLSv1.3");
  }
}
