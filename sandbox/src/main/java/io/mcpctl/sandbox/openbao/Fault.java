package io.mcpctl.sandbox.openbao;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A misbehaviour to inject for requests matching an HTTP method and a path pattern: an answer with
 * a status and OpenBao-shaped body, a delay, or a dropped connection, for a number of requests or
 * until cleared. The pattern must match the whole API path after {@code /v1/}, e.g. {@code
 * auth/token/create/.*}.
 *
 * <pre>{@code
 * standIn.faults().add(Fault.on("POST", "auth/token/create/.*").respond(503).times(2).build());
 * standIn.faults().add(Fault.on("*", "secret/.*").rateLimited(Duration.ofSeconds(3)).build());
 * standIn.faults().add(Fault.on("GET", "sys/health").delay(Duration.ofSeconds(2)).build());
 * }</pre>
 */
public final class Fault {
  private final String method;
  private final Pattern path;
  private final Integer status;
  private final String message;
  private final Duration retryAfter;
  private final Duration delay;
  private final boolean dropConnection;
  private final Integer times;

  private Fault(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.status = builder.status;
    this.message = builder.message;
    this.retryAfter = builder.retryAfter;
    this.delay = builder.delay;
    this.dropConnection = builder.dropConnection;
    this.times = builder.times;
  }

  /**
   * Starts a fault for requests with this method ({@code *} for any) whose path after {@code /v1/}
   * fully matches the regular expression.
   */
  public static Builder on(String method, String pathRegex) {
    return new Builder(method, pathRegex);
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
        && path.matcher(requestPath).matches();
  }

  public String method() {
    return method;
  }

  public String pathPattern() {
    return path.pattern();
  }

  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public Duration delay() {
    return delay;
  }

  public boolean dropsConnection() {
    return dropConnection;
  }

  /** How many matching requests it applies to; empty means until cleared. */
  public Optional<Integer> times() {
    return Optional.ofNullable(times);
  }

  /**
   * Builds a {@link Fault}; at least one of respond, rateLimited, delay or dropConnection is
   * needed.
   */
  public static final class Builder {
    private final String method;
    private final Pattern path;
    private Integer status;
    private String message;
    private Duration retryAfter = Duration.ofSeconds(1);
    private Duration delay = Duration.ZERO;
    private boolean dropConnection;
    private Integer times;

    private Builder(String method, String pathRegex) {
      this.method = Objects.requireNonNull(method, "method").strip();
      if (this.method.isEmpty()) {
        throw new IllegalArgumentException("A fault needs an HTTP method; use \"*\" to match any.");
      }
      try {
        this.path = Pattern.compile(Objects.requireNonNull(pathRegex, "pathRegex"));
      } catch (PatternSyntaxException invalid) {
        throw new IllegalArgumentException(
            "The fault path \""
                + pathRegex
                + "\" is not a valid regular expression: "
                + invalid.getDescription()
                + ".");
      }
    }

    /**
     * Answer with this status and OpenBao's usual body for it: 429 rate limited ({@code
     * Retry-After} only with {@code sys/quotas/config} response headers on), 503 {@code Vault is
     * sealed}, 500 an internal error, 403 {@code permission denied}, otherwise {@code
     * {"errors":[]}}.
     */
    public Builder respond(int statusCode) {
      if (statusCode < 100 || statusCode > 599) {
        throw new IllegalArgumentException(
            "HTTP status " + statusCode + " is out of range; use 100-599.");
      }
      this.status = statusCode;
      return this;
    }

    /** Answer with this status and {@code {"errors":[message]}}. */
    public Builder respond(int statusCode, String errorMessage) {
      respond(statusCode);
      this.message = Objects.requireNonNull(errorMessage, "errorMessage");
      return this;
    }

    /**
     * Answer 429 as OpenBao's rate-limit quota does; {@code Retry-After} (whole seconds) and {@code
     * X-Ratelimit-*} are sent only while {@code enable_rate_limit_response_headers} is on, which it
     * is not by default.
     */
    public Builder rateLimited(Duration retryAfterDuration) {
      if (retryAfterDuration.isNegative()) {
        throw new IllegalArgumentException(
            "Retry-After must not be negative; got " + retryAfterDuration + ".");
      }
      this.status = 429;
      this.retryAfter = retryAfterDuration;
      return this;
    }

    /** Wait this long (real time) before answering or dropping. */
    public Builder delay(Duration delayDuration) {
      if (delayDuration.isNegative()) {
        throw new IllegalArgumentException(
            "A delay must not be negative; got " + delayDuration + ".");
      }
      this.delay = delayDuration;
      return this;
    }

    /** Close the connection without answering. */
    public Builder dropConnection() {
      this.dropConnection = true;
      return this;
    }

    /** Apply to this many matching requests, then remove itself. */
    public Builder times(int count) {
      if (count < 1) {
        throw new IllegalArgumentException(
            "A fault must apply at least once; got times(" + count + ").");
      }
      this.times = count;
      return this;
    }

    public Fault build() {
      if (status == null && delay.isZero() && !dropConnection) {
        throw new IllegalStateException(
            "A fault needs an effect: call respond, rateLimited, delay or dropConnection before build().");
      }
      if (status != null && dropConnection) {
        throw new IllegalStateException(
            "A fault cannot both answer with a status and drop the connection; pick one.");
      }
      return new Fault(this);
    }
  }
}
