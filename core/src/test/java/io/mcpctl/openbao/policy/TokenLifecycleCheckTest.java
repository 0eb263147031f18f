package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenLifecycleCheckTest {

  private final TokenLifecycleCheck rotated =
      new TokenLifecycleCheck("team-a", "bao", Optional.of("mcpctl-team-a.bao-rotator"));

  @Test
  void asksAboutTheLifecyclePathsAndTheRoleOfARotatedToken() {
    assertThat(rotated.paths())
        .containsExactly(
            "auth/token/lookup-self",
            "auth/token/renew-self",
            "auth/token/revoke-self",
            "auth/token/create/mcpctl-team-a.bao-rotator");
    assertThat(new TokenLifecycleCheck("team-a", "bao", Optional.empty()).paths())
        .doesNotContain("auth/token/create/mcpctl-team-a.bao-rotator")
        .hasSize(3);
  }

  @Test
  void theNarrowPolicysRightsLeaveNothingMissing() {
    Map<String, Set<String>> granted =
        Map.of(
            "auth/token/lookup-self", Set.of("read"),
            "auth/token/renew-self", Set.of("update"),
            "auth/token/revoke-self", Set.of("update"),
            "auth/token/create/mcpctl-team-a.bao-rotator", Set.of("update"));
    assertThat(rotated.missing(granted)).isEmpty();
    assertThat(rotated.missing(Map.of("auth/token/lookup-self", Set.of("root"))))
        .as("root on a path grants everything there")
        .hasSize(3);
  }

  @Test
  void aRoleThatCannotBeUsedIsOneSentenceNamingTheRoleAndTheFix() {
    Map<String, Set<String>> granted = new HashMap<>();
    granted.put("auth/token/lookup-self", Set.of("read"));
    granted.put("auth/token/renew-self", Set.of("update"));
    granted.put("auth/token/revoke-self", Set.of("update"));
    granted.put("auth/token/create/mcpctl-team-a.bao-rotator", Set.of("deny"));

    assertThat(rotated.missing(granted))
        .containsExactly(
            "The token may not mint its successor through role mcpctl-team-a.bao-rotator (update"
                + " on auth/token/create/mcpctl-team-a.bao-rotator); restore its policy with"
                + " 'kubectl mcpctl create secretbackend bao --type openbao --wizard -n"
                + " team-a'.");
  }

  @Test
  void refusesARoleNameThatIsNoPathSegment() {
    assertThatThrownBy(
            () -> new TokenLifecycleCheck("team-a", "bao", Optional.of("../sys/policies")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
