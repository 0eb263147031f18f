package io.mcpctl.tokensecret;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.tokensecret.TokenSecretBinding.Binding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSecretBindingTest {

  private static final String ADDRESS = "https://bao.example.com:8200";
  private static final String SYSTEM = TokenSecretBinding.tls(false, Optional.empty());
  private static final Binding EXPECTED = Binding.rotated("bao", ADDRESS + "/", SYSTEM);

  private static Optional<String> problem(String type, Map<String, String> annotations) {
    return problem(type, annotations, EXPECTED);
  }

  private static Optional<String> problem(
      String type, Map<String, String> annotations, Binding expected) {
    return TokenSecretBinding.problem(type, annotations, "team-a", "bao-token", expected);
  }

  @Test
  void aSecretOfTheTokenTypeAnnotatedAsTheWizardWritesItIsBound() {
    assertThat(
            problem(TokenSecretBinding.TYPE, Binding.rotated("bao", ADDRESS, SYSTEM).annotations()))
        .isEmpty();
  }

  @Test
  void anApplicationsOpaqueSecretIsNotATokenSecretEvenWithTheAnnotations() {
    assertThat(problem("Opaque", EXPECTED.annotations()))
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
    assertThat(
            problem(
                TokenSecretBinding.TYPE, Binding.rotated("other", ADDRESS, SYSTEM).annotations()))
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
                Binding.rotated("bao", "https://attacker.example:8200", SYSTEM).annotations()))
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
  void valuesFromTheSecretAreQuotedOnOneShortLine() {
    String forged = "x\n2026-12-06 INFO forged line " + "y".repeat(300_000);
    for (Map<String, String> annotations :
        List.of(
            Map.of(TokenSecretBinding.BACKEND_ANNOTATION, forged),
            Map.of(
                TokenSecretBinding.BACKEND_ANNOTATION,
                "bao",
                TokenSecretBinding.ADDRESS_ANNOTATION,
                forged))) {
      assertThat(problem(TokenSecretBinding.TYPE, annotations))
          .hasValueSatisfying(
              s -> assertThat(s).doesNotContain("\n").contains("x?2026").hasSizeLessThan(1_000));
    }
    assertThat(problem(forged, Map.of()))
        .hasValueSatisfying(s -> assertThat(s).doesNotContain("\n").hasSizeLessThan(1_000));
  }

  @Test
  void addressesCompareAsConnectionsUseThem() {
    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                Binding.rotated("bao", "HTTPS://bao.example.com:8200", SYSTEM).annotations()))
        .isEmpty();
    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                Binding.rotated("bao", ADDRESS + "/v1", SYSTEM).annotations()))
        .as("a path is part of the address")
        .isPresent();
  }

  @Test
  void aTokenIsNeverSentWithWeakerCertificateChecksThanItWasStoredFor() {
    String insecure = TokenSecretBinding.tls(true, Optional.empty());
    String attackersCa = TokenSecretBinding.tls(false, Optional.of("-----BEGIN CERTIFICATE-----x"));

    assertThat(problem(TokenSecretBinding.TYPE, EXPECTED.annotations(), withTls(insecure)))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("verified with the system trust store")
                    .contains("not verified at all (insecureSkipVerify)")
                    .contains("the token is not sent"));
    assertThat(problem(TokenSecretBinding.TYPE, EXPECTED.annotations(), withTls(attackersCa)))
        .hasValueSatisfying(s -> assertThat(s).contains("signed by the CA bundle with SHA-256"));
  }

  @Test
  void aCaBundleIsRecognisedByItsContentAndPlainHttpHasNoCertificateToCheck() {
    String ca = TokenSecretBinding.tls(false, Optional.of("-----BEGIN CERTIFICATE-----ca\n"));
    Binding withCa = Binding.rotated("bao", ADDRESS, ca);

    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                withCa.annotations(),
                Binding.rotated(
                    "bao",
                    ADDRESS,
                    TokenSecretBinding.tls(false, Optional.of("-----BEGIN CERTIFICATE-----ca")))))
        .isEmpty();
    Binding plain = Binding.rotated("bao", "http://127.0.0.1:8200", SYSTEM);
    assertThat(
            problem(
                TokenSecretBinding.TYPE,
                plain.annotations(),
                Binding.rotated("bao", "http://127.0.0.1:8200", TokenSecretBinding.TLS_INSECURE)))
        .isEmpty();
  }

  @Test
  void aStaticTokenIsNeverRotatedOrRevokedByTheOperatorWithoutItsConsent() {
    Map<String, String> fixed = Binding.fixed("bao", ADDRESS, SYSTEM).annotations();

    assertThat(problem(TokenSecretBinding.TYPE, fixed, EXPECTED))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .contains("as a static one (no annotation mcpctl.io/rotation=operator)")
                    .contains("neither rotates nor revokes it"));
    assertThat(problem(TokenSecretBinding.TYPE, fixed, Binding.fixed("bao", ADDRESS, SYSTEM)))
        .as("a static backend only checks its token")
        .isEmpty();
  }

  private static Binding withTls(String tls) {
    return Binding.rotated("bao", ADDRESS, tls);
  }
}
