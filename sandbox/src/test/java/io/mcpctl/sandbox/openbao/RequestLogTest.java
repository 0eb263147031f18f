package io.mcpctl.sandbox.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request log never keeps a token, even one placed in a URL. */
class RequestLogTest {

  @Test
  void tokenShapedPathSegmentsAreRedacted() {
    assertThat(RequestLog.redact("/v1/auth/token/lookup/s.AbCdEfGhIjKlMnOpQrStUvWx"))
        .isEqualTo("/v1/auth/token/lookup/<redacted>");
    assertThat(RequestLog.redact("/v1/x/hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWx/y"))
        .isEqualTo("/v1/x/<redacted>/y");
    assertThat(RequestLog.redact("/v1/secret/data/s.short")).isEqualTo("/v1/secret/data/s.short");
  }

  @Test
  void theLogKeepsTheNewestEntriesInOrder() {
    RequestLog log = new RequestLog();
    log.record(new RequestRecord(Instant.EPOCH, "GET", "/v1/a", 200, Optional.empty(), false));
    log.record(new RequestRecord(Instant.EPOCH, "PUT", "/v1/b", 204, Optional.of("ns/"), true));
    assertThat(log.entries()).extracting(RequestRecord::path).containsExactly("/v1/a", "/v1/b");
    log.clear();
    assertThat(log.entries()).isEmpty();
  }

  @Test
  void requestsBeyondTheKeptOnesAreStillCounted() {
    RequestLog log = new RequestLog();
    for (int i = 0; i < RequestLog.CAPACITY + 5; i++) {
      log.record(new RequestRecord(Instant.EPOCH, "GET", "/v1/n" + i, 200, Optional.empty(), true));
    }
    assertThat(log.entries()).hasSize(RequestLog.CAPACITY);
    assertThat(log.entries().get(0).path()).isEqualTo("/v1/n5");
    assertThat(log.answered()).isEqualTo(RequestLog.CAPACITY + 5);
    log.clear();
    assertThat(log.answered()).isZero();
  }
}
