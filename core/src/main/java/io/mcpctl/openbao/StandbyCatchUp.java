package io.mcpctl.openbao;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits out a standby that has not received a write yet. Behind a load balancer a request may reach
 * an OpenBao 2.5+ standby, which runs it on its own state, trailing the active node's by the
 * replication lag, and forwards it only once it comes to write (http/logical.go,
 * handleLogicalInternal): there a version just written reads as never written, a mint through a
 * role just written finds no role, an accessor just issued finds no token, and a KV v2 mount just
 * enabled has no route there until the mount table has replicated (vault/routing/router.go), then
 * stays "upgrading" until the standby's next look at its primary, a second later
 * (builtin/logical/kv/upgrade.go). Such a request is repeated, with growing waits, for longer in
 * all than a healthy cluster's lag; each of those answers means nothing was done.
 */
public final class StandbyCatchUp {

  /** The waits between tries; 3.15 s in all. */
  static final List<Duration> WAITS =
      List.of(
          Duration.ofMillis(50),
          Duration.ofMillis(100),
          Duration.ofMillis(200),
          Duration.ofMillis(400),
          Duration.ofMillis(800),
          Duration.ofMillis(1600));

  /** How a wait is spent; a test records the waits instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration);

    Sleeper REAL =
        duration -> {
          try {
            Thread.sleep(duration.toMillis());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an OpenBao standby.");
          }
        };
  }

  public static final StandbyCatchUp REAL = new StandbyCatchUp(Sleeper.REAL);

  private final Sleeper sleeper;

  StandbyCatchUp(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  /** The answer of {@code call}, asked again while {@code notYet} holds for it; the last one. */
  public <T> T untilSeen(Supplier<T> call, Predicate<T> notYet) {
    T answer = call.get();
    for (Duration wait : WAITS) {
      if (!notYet.test(answer)) {
        return answer;
      }
      sleeper.sleep(wait);
      answer = call.get();
    }
    return answer;
  }

  /** Whether {@code answer} is the 400 of a mint through {@code role}, unknown where it arrived. */
  static boolean unknownRole(Transport.Response answer, String role) {
    return answer.status() == 400
        && answer.body() != null
        && answer.body().contains("unknown role " + role);
  }

  /**
   * The 400 of a KV v2 mount still upgrading, as every new one does for a moment: "Upgrading from
   * non-versioned to versioned data" on the active node, "Waiting for the primary to upgrade …" on
   * a standby.
   */
  static boolean kvUpgrading(Transport.Response answer) {
    return answer.status() == 400
        && answer.body() != null
        && answer.body().contains("from non-versioned to versioned data");
  }

  /**
   * A KV v2 mount not served yet where the request arrived: no route to it (the mount table has not
   * replicated) or still upgrading. A mount that does not exist answers the same 404, which then
   * comes back after the waits.
   */
  static boolean kvNotServedYet(Transport.Response answer) {
    return kvUpgrading(answer)
        || answer.status() == 404
            && answer.body() != null
            && answer.body().contains("no handler for route");
  }
}
