package io.mcpctl.operator.reconcile;

import io.mcpctl.consumer.TokenConsumer;
import io.mcpctl.schedule.TokenSecretState;
import io.mcpctl.tokensecret.PreviousSlot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one look at a backend's pods found, relative to the switch that made the current token
 * current and to the times the Secret's previous tokens were replaced.
 *
 * @param predecessors the previous tokens the Secret holds, newest first
 * @param unlisted why the pods could not be listed, if they could not: then nobody is known to hold
 *     a previous token, and each is kept until its deadline all the same
 */
record ConsumersSeen(
    List<TokenConsumer> consumers,
    Instant switchedAt,
    List<TokenSecretState.Predecessor> predecessors,
    Optional<String> unlisted) {

  /** How many holders an event or condition names; kubectl describe lists them all. */
  private static final int NAMED_AT_MOST = 5;

  List<TokenConsumer> holdingPrevious() {
    return consumers.stream().filter(consumer -> consumer.holdsTokenFrom(switchedAt)).toList();
  }

  /**
   * The consumers holding the token of {@code slot}: it was current when they started. One whose
   * start is unknown may hold any of them.
   */
  List<TokenConsumer> holding(PreviousSlot slot) {
    for (int i = 0; i < predecessors.size(); i++) {
      if (predecessors.get(i).slot().equals(slot)) {
        Instant retiredAt = retiredAt(predecessors.get(i));
        Optional<Instant> currentSince =
            i + 1 < predecessors.size()
                ? Optional.of(retiredAt(predecessors.get(i + 1)))
                : Optional.empty();
        return consumers.stream()
            .filter(consumer -> consumer.holdsTokenCurrentBetween(currentSince, retiredAt))
            .toList();
      }
    }
    return List.of();
  }

  /** A replacement time the Secret lost is taken as the latest switch's. */
  Instant retiredAt(TokenSecretState.Predecessor predecessor) {
    return predecessor.retiredAt().orElse(switchedAt);
  }

  String holders() {
    return names(holdingPrevious());
  }

  /** {@code pod/container (mode)} of each holder, at most a few, for events and conditions. */
  static String names(List<TokenConsumer> holders) {
    return firstFew(
        holders.stream()
            .map(
                consumer ->
                    consumer.pod() + "/" + consumer.container() + " (" + consumer.mode() + ")")
            .toList(),
        ", ");
  }

  /**
   * The first few of {@code items}, and how many more there are: whoever may create pods decides
   * how many an event would otherwise name.
   */
  static String firstFew(Collection<String> items, String separator) {
    String named = items.stream().limit(NAMED_AT_MOST).collect(Collectors.joining(separator));
    return items.size() > NAMED_AT_MOST
        ? named + " and " + (items.size() - NAMED_AT_MOST) + " more"
        : named;
  }
}
