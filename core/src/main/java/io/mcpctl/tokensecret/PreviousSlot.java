package io.mcpctl.tokensecret;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the token Secret keeps one replaced token until it is revoked. Slot 1 is the one every
 * release has used ({@code previous-token}, {@code previous-accessor}, {@code
 * mcpctl.io/previous-revoke-after}, retired at {@code mcpctl.io/rotated-at}); slots 2 to {@value
 * #MAX} exist because a forced rotation may replace the token again while earlier ones still wait
 * for their revocation, each at its own time. Slot numbers say nothing about age: their retirement
 * times do.
 *
 * @param number 1 to {@value #MAX}
 */
public record PreviousSlot(int number) {

  /**
   * How many replaced tokens may wait for their revocation at once. A rotation that would need
   * another slot waits until one is revoked, or is asked to revoke them all.
   */
  public static final int MAX = 5;

  /** The slot every release has used, and the one the newest replaced token goes to. */
  public static final PreviousSlot NEWEST = new PreviousSlot(1);

  public PreviousSlot {
    if (number < 1 || number > MAX) {
      throw new IllegalArgumentException("A previous-token slot is numbered 1 to " + MAX + ".");
    }
  }

  /** Every slot, 1 first. */
  public static List<PreviousSlot> all() {
    return IntStream.rangeClosed(1, MAX).mapToObj(PreviousSlot::new).toList();
  }

  public String tokenKey() {
    return suffixed(TokenSecretKeys.PREVIOUS_TOKEN);
  }

  public String accessorKey() {
    return suffixed(TokenSecretKeys.PREVIOUS_ACCESSOR);
  }

  /** When this slot's grace period ends (RFC 3339). */
  public String revokeAfterAnnotation() {
    return suffixed(TokenSecretKeys.PREVIOUS_REVOKE_AFTER_ANNOTATION);
  }

  /**
   * When this slot's token stopped being the current one (RFC 3339): slot 1's is the current
   * token's {@code rotated-at}; the others keep their own.
   */
  public String retiredAtAnnotation() {
    return number == 1
        ? TokenSecretKeys.ROTATED_AT_ANNOTATION
        : TokenSecretKeys.PREVIOUS_RETIRED_AT_ANNOTATION + "-" + number;
  }

  private String suffixed(String name) {
    return number == 1 ? name : name + "-" + number;
  }

  @Override
  public String toString() {
    return tokenKey();
  }
}
