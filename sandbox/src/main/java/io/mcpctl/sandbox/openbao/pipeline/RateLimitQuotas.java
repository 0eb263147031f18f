package io.mcpctl.sandbox.openbao.pipeline;

import io.mcpctl.sandbox.openbao.logical.ApiReply;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * OpenBao's rate-limit quotas as far as the project meets them: quotas on the whole server or on a
 * path prefix of the root namespace, each a bucket of {@code rate} requests refilled every {@code
 * interval}, and the switch {@code enable_rate_limit_response_headers} (off by default) that
 * decides whether answers carry {@code Retry-After} and {@code X-Ratelimit-*} ({@code
 * http/util.go}). OpenBao keeps one bucket per client address; every client of the stand-in shares
 * one.
 */
public final class RateLimitQuotas {
  /** {@code vault/quotas} {@code DefaultRateLimitExemptPaths}: never limited. */
  static final List<String> DEFAULT_EXEMPT_PATHS =
      List.of(
          "sys/generate-recovery-token/attempt",
          "sys/generate-recovery-token/update",
          "sys/generate-root/attempt",
          "sys/generate-root/update",
          "sys/health",
          "sys/seal-status",
          "sys/unseal");

  /** One quota: its prefix of the request path, {@code ""} for every path. */
  record Quota(String name, String path, int rate, Duration interval) {}

  private static final class Bucket {
    Instant start;
    long tick = -1;
    int available;
  }

  final Map<String, Quota> quotas = new TreeMap<>();
  private final Map<String, Bucket> buckets = new LinkedHashMap<>();
  boolean responseHeaders;
  boolean auditLogging;
  List<String> exemptPaths = DEFAULT_EXEMPT_PATHS;

  /** Whether 429s and limited answers carry {@code Retry-After} and {@code X-Ratelimit-*}. */
  public synchronized boolean responseHeaders() {
    return responseHeaders;
  }

  synchronized void put(Quota quota) {
    quotas.put(quota.name(), quota);
    buckets.remove(quota.name());
  }

  synchronized void remove(String name) {
    quotas.remove(name);
    buckets.remove(name);
  }

  /**
   * Takes one request from the most specific quota covering {@code path}: the 429 to send when its
   * bucket is empty, otherwise the headers to put on the answer (none when they are switched off).
   */
  synchronized Decision take(String path, Instant now) {
    if (exemptPaths.contains(path)) {
      return Decision.ALLOWED;
    }
    Optional<Quota> covering =
        quotas.values().stream()
            .filter(quota -> path.startsWith(quota.path()))
            .max((a, b) -> Integer.compare(a.path().length(), b.path().length()));
    if (covering.isEmpty()) {
      return Decision.ALLOWED;
    }
    Quota quota = covering.get();
    Bucket bucket = buckets.computeIfAbsent(quota.name(), name -> new Bucket());
    if (bucket.start == null) {
      bucket.start = now;
    }
    long intervalNanos = quota.interval().toNanos();
    long tick = Duration.between(bucket.start, now).toNanos() / intervalNanos;
    if (tick != bucket.tick) {
      bucket.tick = tick;
      bucket.available = quota.rate();
    }
    boolean allowed = bucket.available > 0;
    if (allowed) {
      bucket.available--;
    }
    Instant reset = bucket.start.plusNanos((tick + 1) * intervalNanos);
    String resetSeconds = Long.toString(Duration.between(now, reset).toSeconds());
    Map<String, String> headers = new LinkedHashMap<>();
    if (responseHeaders) {
      headers.put("X-Ratelimit-Limit", Integer.toString(quota.rate()));
      headers.put("X-Ratelimit-Remaining", Integer.toString(bucket.available));
      headers.put("X-Ratelimit-Reset", resetSeconds);
      if (!allowed) {
        headers.put("Retry-After", resetSeconds);
      }
    }
    return new Decision(allowed, Map.copyOf(headers));
  }

  /** Whether a request may go on, and the headers its answer carries. */
  record Decision(boolean allowed, Map<String, String> headers) {
    static final Decision ALLOWED = new Decision(true, Map.of());

    ApiReply onto(ApiReply reply) {
      ApiReply withHeaders = reply;
      for (Map.Entry<String, String> header : headers.entrySet()) {
        withHeaders = withHeaders.withHeader(header.getKey(), header.getValue());
      }
      return withHeaders;
    }
  }
}
