package io.mcpctl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.mcpctl.api.v1alpha1.SecretBackendStatus;
import io.mcpctl.api.v1alpha1.TokenMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusChangesTest {

  @Test
  void aChangeIsNamedByItsFieldInsideTokenMetaAndEachCondition() {
    SecretBackendStatus before = status("2026-12-06T07:00:00Z", "The token works.");
    SecretBackendStatus after = status("2026-12-06T07:00:03Z", "The token works again.");
    after.setObservedGeneration(2L);

    assertThat(StatusChanges.differences(before, after))
        .containsExactly(
            "conditions[Ready].message", "observedGeneration", "tokenMeta.generatedAt");
  }

  @Test
  void equalStatusesDifferNowhere() {
    assertThat(
            StatusChanges.differences(
                status("2026-12-06T07:00:00Z", "ok"), status("2026-12-06T07:00:00Z", "ok")))
        .isEmpty();
  }

  private static SecretBackendStatus status(String generatedAt, String readyMessage) {
    TokenMeta meta = new TokenMeta();
    meta.setGeneratedAt(generatedAt);
    meta.setLastCheckedAt("2026-12-06T06:00:00Z");
    SecretBackendStatus status = new SecretBackendStatus();
    status.setObservedGeneration(1L);
    status.setTokenMeta(meta);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("TokenValid")
                .withMessage(readyMessage)
                .build()));
    return status;
  }
}
