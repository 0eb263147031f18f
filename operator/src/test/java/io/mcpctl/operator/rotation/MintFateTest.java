package io.mcpctl.operator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.UnexpectedResponseException;
import java.util.List;
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

  @Test
  void aServerErrorMayHaveMintedSinceOpenBaoAuditsTheAnswerAfterMaking() {
    assertThat(MintFate.unknown(new ServerErrorException("internal error", MINT, 500, List.of())))
        .isTrue();
    assertThat(MintFate.unknown(new ServerErrorException("sealed", MINT, 503, List.of())))
        .isFalse();
  }
}
