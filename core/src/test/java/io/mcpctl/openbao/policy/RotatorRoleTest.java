package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotatorRoleTest {

  @Test
  void aRecordedPeriodShorterThanTheRolesIsAShortfallNamingBoth() {
    assertThat(RotatorRole.periodShortfall("168h"))
        .hasValueSatisfying(
            warning -> assertThat(warning).contains("capped the token period at 168h", "720h"));
  }

  @Test
  void theFullPeriodOrOneThatCannotBeReadSaysNothing() {
    assertThat(RotatorRole.periodShortfall("720h")).isEmpty();
    assertThat(RotatorRole.periodShortfall("1000h")).isEmpty();
    assertThat(RotatorRole.periodShortfall((String) null)).isEmpty();
    assertThat(RotatorRole.periodShortfall(" ")).isEmpty();
    assertThat(RotatorRole.periodShortfall("a week")).isEmpty();
  }
}
