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
}
