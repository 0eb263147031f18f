package io.mcpctl.sandbox.openbao.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Fields;
import java.time.Duration;

/**
 * The lease limits a token mount's system view reports: the server's {@code default_lease_ttl} and
 * {@code max_lease_ttl} (768h each unless configured), unless the mount is tuned ({@code
 * sys/mounts/auth/token/tune}); zero means "the server's".
 */
public final class LeaseLimits {
  /** OpenBao's default for both server TTLs when its configuration names none: 32 days. */
  public static final Duration SERVER_DEFAULT = Duration.ofHours(768);

  /** The server's configured TTLs. */
  public record ServerTtls(Duration defaultLeaseTtl, Duration maxLeaseTtl) {
    public static final ServerTtls DEFAULTS = new ServerTtls(SERVER_DEFAULT, SERVER_DEFAULT);
  }

  private final ServerTtls server;
  private Duration tunedDefault = Duration.ZERO;
  private Duration tunedMax = Duration.ZERO;

  public LeaseLimits(ServerTtls server) {
    this.server = server;
  }

  public Duration defaultTtl() {
    return tunedDefault.isZero() ? server.defaultLeaseTtl() : tunedDefault;
  }

  public Duration maxTtl() {
    return tunedMax.isZero() ? server.maxLeaseTtl() : tunedMax;
  }

  /** The tune answer's TTL fields, in seconds. */
  public void describeInto(ObjectNode data) {
    data.put("default_lease_ttl", defaultTtl().toSeconds());
    data.put("max_lease_ttl", maxTtl().toSeconds());
  }

  /**
   * Applies the TTLs of a tune request ({@code system} or empty resets one), refused in OpenBao's
   * words when the default would exceed the maximum.
   */
  public void tune(Fields fields) {
    Duration newDefault = fields.has("default_lease_ttl") ? ttl(fields, "default_lease_ttl") : null;
    Duration newMax = fields.has("max_lease_ttl") ? ttl(fields, "max_lease_ttl") : null;
    Duration effectiveMax =
        newMax == null ? maxTtl() : newMax.isZero() ? server.maxLeaseTtl() : newMax;
    Duration effectiveDefault =
        newDefault == null
            ? defaultTtl()
            : newDefault.isZero() ? server.defaultLeaseTtl() : newDefault;
    if (effectiveMax.compareTo(effectiveDefault) < 0) {
      throw ApiError.badRequest(
          "backend max lease TTL of "
              + effectiveMax.toSeconds()
              + " would be less than backend default lease TTL of "
              + effectiveDefault.toSeconds());
    }
    if (newDefault != null) {
      tunedDefault = newDefault;
    }
    if (newMax != null) {
      tunedMax = newMax;
    }
  }

  private static Duration ttl(Fields fields, String name) {
    JsonNode raw = fields.raw(name);
    if (raw == null || raw.isNull() || raw.asText().equals("system") || raw.asText().isEmpty()) {
      return Duration.ZERO;
    }
    try {
      return Fields.parseDurationSecond(raw);
    } catch (IllegalArgumentException malformed) {
      throw ApiError.badRequest("unable to parse " + name + ": " + malformed.getMessage());
    }
  }
}
