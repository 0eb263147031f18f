package io.mcpctl.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeastRecentlyUsedTest {

  private final LeastRecentlyUsed<String> cache = new LeastRecentlyUsed<>(3, 10, String::length);

  @Test
  void theLeastRecentlyUsedGoFirstOnceTheEntriesOrTheirWeightsPassTheLimits() {
    cache.keep("a", "1111");
    cache.keep("b", "2222");
    cache.get("a");

    cache.keep("c", "33");
    assertThat(cache.size()).isEqualTo(3);

    cache.keep("d", "4");
    assertThat(cache.get("b")).as("four entries: the least recently used goes").isEmpty();

    cache.keep("e", "55555");
    assertThat(cache.get("a")).as("weights 4 + 2 + 1 + 5 > 10").isEmpty();
    assertThat(cache.get("c")).contains("33");
    assertThat(cache.get("e")).contains("55555");
  }

  @Test
  void aValueHeavierThanTheWholeCacheIsReturnedNotKeptAndKeepsTheOthers() {
    cache.keep("a", "1");

    assertThat(cache.keep("big", "x".repeat(11))).hasSize(11);

    assertThat(cache.get("big")).isEmpty();
    assertThat(cache.get("a")).contains("1");
  }

  @Test
  void aValueKeptMeanwhileWinsAndARemovalFreesItsWeight() {
    cache.keep("a", "12345");
    assertThat(cache.keep("a", "other")).isEqualTo("12345");

    cache.remove("a");
    cache.keep("b", "1234567890");
    assertThat(cache.get("b")).contains("1234567890");
  }

  @Test
  void anOwnerPastItsShareLosesItsOwnEntriesNotAnothers() {
    LeastRecentlyUsed<String> shared =
        new LeastRecentlyUsed<>(6, 100, new LeastRecentlyUsed.Share(2, 10), String::length);
    shared.keep("victim-1", "victim", "1");
    shared.keep("tenant-1", "tenant", "1");
    shared.keep("tenant-2", "tenant", "1");
    shared.get("tenant-1");

    shared.keep("tenant-3", "tenant", "1");
    assertThat(shared.get("tenant-2")).as("a third entry: its least recently used goes").isEmpty();
    assertThat(shared.get("tenant-1")).contains("1");

    shared.keep("tenant-4", "tenant", "123456789");
    assertThat(shared.get("tenant-3"))
        .as("weights 1 + 1 + 9 > 10: the one least recently used goes (tenant-1 was just read)")
        .isEmpty();
    assertThat(shared.get("tenant-1")).as("weights 1 + 9 fit").contains("1");
    assertThat(shared.keep("tenant-5", "tenant", "x".repeat(11)))
        .as("heavier than a share: returned, not kept")
        .hasSize(11);
    assertThat(shared.get("tenant-5")).isEmpty();
    assertThat(shared.get("victim-1")).contains("1");
    assertThat(shared.size()).isEqualTo(3);

    shared.remove("tenant-4");
    shared.keep("tenant-6", "tenant", "123456789");
    assertThat(shared.get("tenant-1")).as("a removal frees the owner's weight").contains("1");
  }

  @Test
  void anEntryAnotherOwnerUsesTooIsNoLongerEvictedByItsOwnersShare() {
    LeastRecentlyUsed<String> shared =
        new LeastRecentlyUsed<>(6, 100, new LeastRecentlyUsed.Share(2, 10), String::length);
    shared.keep("shared-client", "tenant", "1");
    assertThat(shared.get("shared-client", "victim")).contains("1");

    shared.keep("tenant-1", "tenant", "1");
    shared.keep("tenant-2", "tenant", "1");
    shared.keep("tenant-3", "tenant", "1");

    assertThat(shared.get("shared-client"))
        .as("the tenant's own entries past its share go, not the one the victim uses")
        .contains("1");
    assertThat(shared.get("tenant-1")).isEmpty();
    assertThat(shared.get("tenant-3")).contains("1");
  }

  @Test
  void sharingFreesNoRoomInTheOwnersShare() {
    LeastRecentlyUsed<String> shared =
        new LeastRecentlyUsed<>(6, 100, new LeastRecentlyUsed.Share(2, 10), String::length);
    shared.keep("tenant-1", "tenant", "1");
    shared.keep("tenant-2", "tenant", "1");
    shared.get("tenant-1", "accomplice");
    shared.get("tenant-2", "accomplice");

    assertThat(shared.keep("tenant-3", "tenant", "1"))
        .as("returned to the caller, but not kept")
        .isEqualTo("1");

    assertThat(shared.get("tenant-3")).isEmpty();
    assertThat(shared.get("tenant-1")).contains("1");
    assertThat(shared.get("tenant-2")).contains("1");
    assertThat(shared.size()).isEqualTo(2);
  }
}
