package io.mcpctl.tokensecret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSecretBindingTest {

  private static final String ADDRESS = "https://bao.example.com:8200";

  private static Optional<String> problem(String type, Map<String, String> annotations) {
    return TokenSecretBinding.problem(
        type, annotations, "team-a", "bao-token", "bao", "https://bao.example.com:8200/");
  }

  @Test
  void aSecretOfTheTokenTypeAnnotatedForTheBackendAndItsAddressIsBound() {
    assertThat(problem(TokenSecretBinding.TYPE, TokenSecretBinding.annotations("bao", ADDRESS)))
        .isEmpty();
  }

  @Test
  void anApplicationsOpaqueSecretIsNotATokenSecretEvenWithTheAnnotations() {
    assertThat(problem("Opaque", TokenSecretBinding.annotations("bao", ADDRESS)))
        .hasValueSatisfying(
            sentence ->
                assertThat(sentence)
                    .startsWith(
                        "Secret team-a/bao-token has type Opaque, not mcpctl.io/openbao-token")
                    .contains(
                        "kubectl mcpctl create secretbackend bao --type openbao --wizard -n team-a")
                    .endsWith("."));
    assertThat(problem(null, Map.of()))
        .hasValueSatisfying(s -> assertThat(s).contains("type Opaque"));
  }

  @Test
  void aTokenSecretWithoutTheBackendAnnotationIsNotBound() {
    assertThat(problem(TokenSecretBinding.TYPE, Map.of()))
        .hasValueSatisfying(s -> assertThat(s).contains("is not bound to any SecretBackend"));
  }

  @Test
  void aSecretBoundToAnotherBackendSaysWhichOne() {
    assertThat(problem(TokenSecretBinding.TYPE, TokenSecretBinding.annotations("other", ADDRESS)))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("is bound to SecretBackend other, so bao may not use it")
                    .contains("token Secret of its own"));
  }

  @Test
  void aTokenIsNeverSentToAnAddressOtherThanTheOneItWasStoredFor() {
    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                TokenSecretBinding.annotations("bao", "https://attacker.example:8200")))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("holds a token for OpenBao at https://attacker.example:8200")
                    .contains("not at https://bao.example.com:8200"));
    assertThat(
            problem(TokenSecretBinding.TYPE, Map.of(TokenSecretBinding.BACKEND_ANNOTATION, "bao")))
        .hasValueSatisfying(s -> assertThat(s).contains("(no address)"));
  }

  @Test
  void addressesCompareAsConnectionsUseThem() {
    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                TokenSecretBinding.annotations("bao", "HTTPS://bao.example.com:8200")))
        .isEmpty();
  }
}
