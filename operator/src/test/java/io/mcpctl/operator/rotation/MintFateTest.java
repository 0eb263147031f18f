package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.UnexpectedResponseException;
import org.junit.jupiter.api.Test;

class MintFateTest {

  private static final String MINT = "POST auth/token/create/mcpctl-bao-rotator";

  @Test
  void aSuccessWhoseAnswerCouldNotBeReadMayHaveMinted() {
    assertThat(
            MintFate.unknown(new UnexpectedResponseException("answer too long", MINT, 200, null)))
        .isTrue();
  }

  @Test
  void aRefusalWhoseAnswerCouldNotBeReadMintedNothing() {
    assertThat(
            MintFate.unknown(new UnexpectedResponseException("answer too long", MINT, 403, null)))
        .isFalse();
  }
}
