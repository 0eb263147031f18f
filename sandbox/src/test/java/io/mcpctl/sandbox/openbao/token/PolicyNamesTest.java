package io.mcpctl.sandbox.openbao.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenBao's policyutil.SanitizePolicies, which every token's and role's policy list goes through.
 */
class PolicyNamesTest {
  @Test
  void namesAreTrimmedLowerCasedDeduplicatedAndSorted() {
    assertThat(PolicyNames.sanitize(List.of(" B ", "a", "b", ""), false)).containsExactly("a", "b");
  }

  @Test
  void defaultIsAddedOnlyWhenAsked() {
    assertThat(PolicyNames.sanitize(List.of("a"), true)).containsExactly("a", "default");
    assertThat(PolicyNames.sanitize(List.of(), true)).containsExactly("default");
    assertThat(PolicyNames.sanitize(List.of("a"), false)).containsExactly("a");
  }

  @Test
  void rootAnywhereLeavesRootAloneEvenWhenDefaultIsAsked() {
    assertThat(PolicyNames.sanitize(List.of("a", " ROOT", "default"), true))
        .containsExactly("root");
  }
}
