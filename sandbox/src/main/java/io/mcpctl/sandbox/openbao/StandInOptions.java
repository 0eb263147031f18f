package io.mcpctl.sandbox.openbao;

import io.mcpctl.sandbox.openbao.token.LeaseLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an {@link OpenBaoStandIn}. Defaults: any free loopback port, the system clock, plain
 * HTTP, and a KV version 2 engine mounted at {@code secret/} (as a dev-mode OpenBao has).
 */
public final class StandInOptions {
  private int port;
  private Clock clock = Clock.systemUTC();
  private boolean tls;
  private String kvV2Mount = "secret";
  private int standbys;
  private Duration replicationLag = Duration.ZERO;
  private LeaseLimits.ServerTtls leaseTtls = LeaseLimits.ServerTtls.DEFAULTS;

  private StandInOptions() {}

  public static StandInOptions defaults() {
    return new StandInOptions();
  }

  /** The port to listen on; 0 picks any free port. */
  public StandInOptions port(int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(
          "Port " + value + " is out of range; use 0 for any free port or 1-65535.");
    }
    this.port = value;
    return this;
  }

  /** The clock for every TTL and timestamp; pass a {@link MutableClock} to move time in tests. */
  public StandInOptions clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Serve HTTPS with a certificate signed by a CA generated at start. */
  public StandInOptions tls(boolean value) {
    this.tls = value;
    return this;
  }

  /** Mount a KV v2 engine at this path at start (e.g. {@code secret}). */
  public StandInOptions kvV2Mount(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "A mount path must not be blank; call withoutKvMount() for none.");
    }
    this.kvV2Mount = path;
    return this;
  }

  /**
   * Runs as an HA cluster behind one address: the active node and {@code count} standbys take
   * requests in turn; a standby serves reads from state {@code lag} behind the active node's.
   */
  public StandInOptions standbys(int count, Duration lag) {
    if (count < 0 || lag.isNegative()) {
      throw new IllegalArgumentException("Standbys and their lag cannot be negative.");
    }
    this.standbys = count;
    this.replicationLag = lag;
    return this;
  }

  /**
   * The server configuration's {@code default_lease_ttl} and {@code max_lease_ttl} (768h each when
   * not given), which cap every token that its mount does not tune otherwise.
   */
  public StandInOptions leaseTtls(Duration defaultLeaseTtl, Duration maxLeaseTtl) {
    if (defaultLeaseTtl.compareTo(Duration.ZERO) <= 0
        || maxLeaseTtl.compareTo(Duration.ZERO) <= 0) {
      throw new IllegalArgumentException("Lease TTLs must be positive.");
    }
    if (defaultLeaseTtl.compareTo(maxLeaseTtl) > 0) {
      throw new IllegalArgumentException(
          "default_lease_ttl "
              + defaultLeaseTtl
              + " must not exceed max_lease_ttl "
              + maxLeaseTtl
              + ".");
    }
    this.leaseTtls = new LeaseLimits.ServerTtls(defaultLeaseTtl, maxLeaseTtl);
    return this;
  }

  /** Start with no KV engine at all, as a fresh non-dev OpenBao. */
  public StandInOptions withoutKvMount() {
    this.kvV2Mount = null;
    return this;
  }

  int port() {
    return port;
  }

  Clock clock() {
    return clock;
  }

  boolean tls() {
    return tls;
  }

  int standbys() {
    return standbys;
  }

  Duration replicationLag() {
    return replicationLag;
  }

  LeaseLimits.ServerTtls leaseTtls() {
    return leaseTtls;
  }

  Optional<String> kvV2Mount() {
    return Optional.ofNullable(kvV2Mount);
  }
}
