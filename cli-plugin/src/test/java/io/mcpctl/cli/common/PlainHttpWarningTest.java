package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainHttpWarningTest {

  @ParameterizedTest(name = "{0} warns: {1}")
  @CsvSource({
    "http://bao.corp:8200, true",
    "http://10.0.0.7:8200, true",
    "http://localhost.evil.example:8200, true",
    "HTTP://Bao.Corp, true",
    "https://bao.corp:8200, false",
    "http://127.0.0.1:8200, false",
    "http://127.3.4.5:8200, false",
    "http://localhost:8200, false",
    "http://[::1]:8200, false"
  })
  void onlyPlainHttpToAnotherMachineIsWarnedOf(String address, boolean warns) {
    StringWriter err = new StringWriter();

    PlainHttpWarning.warnIfAdminTokenTravelsInClear(URI.create(address), new PrintWriter(err));

    if (warns) {
      assertThat(err.toString())
          .isEqualTo(
              "warning: "
                  + address
                  + " is plain http, so the admin token crosses the network unencrypted; use"
                  + " https outside of tests.\n");
    } else {
      assertThat(err.toString()).isEmpty();
    }
  }
}
