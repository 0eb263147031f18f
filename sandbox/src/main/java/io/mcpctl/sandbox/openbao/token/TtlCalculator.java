package io.mcpctl.sandbox.openbao.token;

import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenBao's {@code framework.CalculateTTL} for token leases: a period wins over everything and is
 * only capped per renewal by the system max; otherwise increment, then the last TTL, then the
 * default, capped at start + min(system max, explicit max) with a warning rather than an error.
 * "System" is the token mount's view: tuned, else the server's configured TTLs.
 */
final class TtlCalculator {
  record Result(Duration ttl, List<String> warnings) {}

  private TtlCalculator() {}

  static Result calculate(
      Duration increment,
      Duration backendTtl,
      Duration period,
      Duration explicitMaxTtl,
      Instant start,
      Instant currentTime,
      LeaseLimits limits) {
    Instant now = currentTime.truncatedTo(ChronoUnit.SECONDS);
    Instant startTime = start.truncatedTo(ChronoUnit.SECONDS);
    List<String> warnings = new ArrayList<>();
    Duration maxTtl = limits.maxTtl();
    if (explicitMaxTtl.compareTo(Duration.ZERO) > 0 && explicitMaxTtl.compareTo(maxTtl) < 0) {
      maxTtl = explicitMaxTtl;
    }
    Duration ttl;
    Instant maxValidTime = null;
    if (period.compareTo(Duration.ZERO) > 0) {
      Duration effectivePeriod = period;
      if (period.compareTo(maxTtl) > 0) {
        warnings.add(
            "period of \""
                + human(period)
                + "\" exceeded the effective max_ttl of \""
                + human(maxTtl)
                + "\"; period value is capped accordingly");
        effectivePeriod = maxTtl;
      }
      ttl = effectivePeriod;
      if (explicitMaxTtl.compareTo(Duration.ZERO) > 0) {
        maxValidTime = startTime.plus(explicitMaxTtl);
      }
    } else {
      if (increment.compareTo(Duration.ZERO) > 0) {
        ttl = increment;
      } else if (backendTtl.compareTo(Duration.ZERO) > 0) {
        ttl = backendTtl;
      } else {
        ttl = limits.defaultTtl();
      }
      maxValidTime = startTime.plus(maxTtl);
    }
    if (maxValidTime != null) {
      Duration maxValidTtl = Duration.between(now, maxValidTime);
      if (maxValidTtl.compareTo(Duration.ZERO) <= 0) {
        throw ApiError.wrapped(500, "past the max TTL, cannot renew");
      }
      if (maxValidTtl.compareTo(ttl) < 0) {
        warnings.add(
            "TTL of \""
                + human(ttl)
                + "\" exceeded the effective max_ttl of \""
                + human(maxValidTtl)
                + "\"; TTL value is capped accordingly");
        ttl = maxValidTtl;
      }
    }
    return new Result(ttl, warnings);
  }

  /** Go's humanDuration: Go's duration text without zero minutes or seconds. */
  static String human(Duration duration) {
    return GoDuration.format(duration);
  }
}
