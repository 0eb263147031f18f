package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.openbao.RateLimitedException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rate-limit quota's 429 ({@code http/util.go} {@code rateLimitQuotaWrapping}): {@code
 * Retry-After} and {@code X-Ratelimit-*} are sent only when {@code sys/quotas/config} turns {@code
 * enable_rate_limit_response_headers} on, which is off by default, so the client must back off
 * without being told how long.
 */
@ExtendWith(BaoTargetExtension.class)
class RateLimitConformanceIT {

  @Test
  void aRateLimitedAnswerCarriesRetryAfterOnlyWhenResponseHeadersAreOn(BaoTarget bao) {
    JsonNode before = bao.readWithAdmin("sys/quotas/config").path("data");
    bao.afterTest(() -> bao.sendWithAdmin("POST", "sys/quotas/config", before.toString()));
    assertThat(bao.sendWithAdmin("POST", "sys/quotas/config", headers(before, false)))
        .isEqualTo(204);
    String mount = bao.freshKvV2Mount();
    String quota = bao.unique("conf-rate");
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "sys/quotas/rate-limit/" + quota,
                "{\"path\": \"" + mount + "/\", \"rate\": 1, \"interval\": \"1m\"}"))
        .isEqualTo(204);
    bao.afterTest(() -> bao.deleteWithAdmin("sys/quotas/rate-limit/" + quota));

    assertThat(bao.exchangeWithAdmin("GET", mount + "/data/x", null).statusCode()).isEqualTo(404);
    HttpResponse<String> silent = bao.exchangeWithAdmin("GET", mount + "/data/x", null);
    assertThat(silent.statusCode()).isEqualTo(429);
    assertThat(silent.body()).contains("rate limit quota exceeded");
    assertThat(silent.headers().firstValue("Retry-After")).isEmpty();
    assertThat(silent.headers().firstValue("X-Ratelimit-Limit")).isEmpty();
    assertThatThrownBy(() -> bao.admin().kv(mount).get("x"))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            limited -> {
              assertThat(limited.retryAfter()).isEmpty();
              assertThat(limited.getMessage()).contains("retry later");
            });

    assertThat(bao.sendWithAdmin("POST", "sys/quotas/config", headers(before, true)))
        .isEqualTo(204);
    HttpResponse<String> told = bao.exchangeWithAdmin("GET", mount + "/data/x", null);
    assertThat(told.statusCode()).isEqualTo(429);
    assertThat(told.headers().firstValue("Retry-After")).isPresent();
    assertThat(told.headers().firstValue("X-Ratelimit-Limit")).contains("1");
    assertThat(told.headers().firstValue("X-Ratelimit-Remaining")).contains("0");
    assertThatThrownBy(() -> bao.admin().kv(mount).get("x"))
        .isInstanceOfSatisfying(
            RateLimitedException.class, limited -> assertThat(limited.retryAfter()).isPresent());
  }

  /** As on a freshly started server, which the suite assumes (as it does the default TTLs). */
  @Test
  void responseHeadersAreOffByDefault(BaoTarget bao) {
    JsonNode config = bao.readWithAdmin("sys/quotas/config").path("data");
    assertThat(config.path("enable_rate_limit_response_headers").isBoolean()).isTrue();
    assertThat(config.path("enable_rate_limit_response_headers").booleanValue()).isFalse();
  }

  /** The configuration as it was, with only the response headers switched. */
  private static String headers(JsonNode config, boolean on) {
    ObjectNode changed =
        config.isObject()
            ? ((ObjectNode) config).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    changed.put("enable_rate_limit_response_headers", on);
    return changed.toString();
  }
}
