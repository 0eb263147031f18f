package io.mcpctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.ConsumersSpec;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.schedule.ConsumerPolicy;
import io.mcpctl.schedule.RotationSettings;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        row(
            "an unknown type names spec.type",
            spec -> spec.setType("vault"),
            "spec.type \"vault\""),
        row("a missing type names spec.type", spec -> spec.setType(null), "spec.type (absent)"),
        row(
            "an openbao backend without its block names spec.openbao",
            spec -> spec.setOpenbao(null),
            "spec.openbao is missing"),
        row(
            "an address that is not a URL names the address",
            spec -> spec.getOpenbao().setAddress("bao:8200"),
            "spec.openbao.address \"bao:8200\""),
        row(
            "a missing auth block names spec.openbao.auth",
            spec -> spec.getOpenbao().setAuth(null),
            "spec.openbao.auth is missing"),
        row(
            "a missing token Secret reference names it",
            spec -> spec.getOpenbao().getAuth().setTokenSecretRef(null),
            "spec.openbao.auth.tokenSecretRef is missing"),
        row(
            "an invalid Secret name names the field",
            spec -> spec.getOpenbao().getAuth().getTokenSecretRef().setName("Bao_Token"),
            "tokenSecretRef.name \"Bao_Token\""),
        row(
            "a token key the operator writes itself is refused",
            spec -> spec.getOpenbao().getAuth().getTokenSecretRef().setKey("next-token"),
            "tokenSecretRef.key \"next-token\""),
        row(
            "a rotating backend without a token role names tokenRole",
            spec -> rotation(spec).setTokenRole(null),
            "rotation.tokenRole (absent)"),
        row(
            "an interval that is not a duration names interval",
            spec -> rotation(spec).setInterval("1d"),
            "rotation.interval \"1d\" is not a duration"),
        row(
            "an interval under five seconds is refused",
            spec -> rotation(spec).setInterval("4s"),
            "rotation.interval \"4s\" is shorter than 5s"),
        row(
            "a jitter of half the interval is refused",
            spec -> rotation(spec).setJitter("12h"),
            "rotation.jitter \"12h\" must be less than half"),
        row(
            "a grace period reaching the next rotation is refused",
            spec -> rotation(spec).setRevokeGracePeriod("24h"),
            "rotation.revokeGracePeriod \"24h\""),
        row(
            "a restart mode other than None or Rollout names consumers.restart",
            spec -> rotation(spec).setConsumers(consumers("Recreate", null)),
            "rotation.consumers.restart \"Recreate\" is not None or Rollout"),
        row(
            "a revoke delay reaching the next rotation names consumers.maxRevokeDelay",
            spec -> rotation(spec).setConsumers(consumers("Rollout", "24h")),
            "rotation.consumers.maxRevokeDelay \"24h\" must be at least the revokeGracePeriod"
                + " (2m) and end before the next rotation (interval minus jitter, 23h50m)"),
        row(
            "a revoke delay shorter than the grace period is refused",
            spec -> rotation(spec).setConsumers(consumers("None", "1m")),
            "rotation.consumers.maxRevokeDelay \"1m\""),
        row(
            "a reserved OpenBao namespace name is refused",
            spec -> spec.getOpenbao().setNamespace("team-a/sys"),
            "spec.openbao.namespace \"team-a/sys\" is not an OpenBao namespace path: \"sys\" is"
                + " reserved by OpenBao"),
        row(
            "a namespace with an empty name in it is refused",
            spec -> spec.getOpenbao().setNamespace("team-a//dev"),
            "(two slashes in a row)"),
        row(
            "a namespace with a wildcard is refused",
            spec -> spec.getOpenbao().setNamespace("team-*"),
            "contains a wildcard (+ or *)"),
        row(
            "a mount with slashes names kv.mount",
            spec -> spec.getOpenbao().setKv(kv("/secret/", "mcpctl")),
            "spec.openbao.kv.mount \"/secret/\""),
        row(
            "a port beyond 65535 names the address",
            spec -> spec.getOpenbao().setAddress("http://127.0.0.1:99999"),
            "spec.openbao.address \"http://127.0.0.1:99999\" is not an http or https URL with a"
                + " port from 1 to 65535"),
        row(
            "an address with a user name and password names it without them",
            spec -> spec.getOpenbao().setAddress("https://root:s3cret@bao.example.com:8200"),
            "spec.openbao.address \"https://…@bao.example.com:8200\" is not an http or https"
                + " URL"),
        row(
            "port 0 names the address",
            spec -> spec.getOpenbao().setAddress("http://bao:0"),
            "spec.openbao.address \"http://bao:0\""),
        row(
            "a path prefix with a space (which the wizard refuses too) names kv.pathPrefix",
            spec -> spec.getOpenbao().setKv(kv("secret", "a b")),
            "spec.openbao.kv.pathPrefix \"a b\" is not a path"),
        row(
            "a path prefix with a glob names kv.pathPrefix",
            spec -> spec.getOpenbao().setKv(kv("secret", "mcpctl/*")),
            "spec.openbao.kv.pathPrefix \"mcpctl/*\""),
        row(
            "an empty path prefix names kv.pathPrefix",
            spec -> spec.getOpenbao().setKv(kv("secret", "")),
            "spec.openbao.kv.pathPrefix \"\""),
        row(
            "a CA bundle together with insecureSkipVerify is refused",
            spec -> spec.getOpenbao().setTls(tls()),
            "both caSecretRef and insecureSkipVerify"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void invalidSpecs(String sentence, Consumer<SecretBackendSpec> breakIt, String fragment) {
    SecretBackendSpec spec = rotatingSpec();
    breakIt.accept(spec);

    SpecValidator.Result result = SpecValidator.validate(spec);

    assertThat(result.isValid()).isFalse();
    assertThat(result.problem())
        .hasValueSatisfying(
            problem -> {
              assertThat(problem).contains(fragment);
              assertThat(problem).endsWith(".");
            });
  }

  @Test
  void aRotatingSpecYieldsParsedSettings() {
    SpecValidator.Result result = SpecValidator.validate(rotatingSpec());

    assertThat(result.problem()).isEmpty();
    assertThat(result.spec().orElseThrow().rotation())
        .contains(
            new RotationSettings(
                "mcpctl-bao-rotator",
                Duration.ofHours(24),
                Duration.ofMinutes(10),
                Duration.ofMinutes(2)));
  }

  @Test
  void aStaticTokenSpecIsValidAndNotRotatable() {
    SecretBackendSpec spec = rotatingSpec();
    rotation(spec).setEnabled(false);
    rotation(spec).setTokenRole(null);

    assertThat(SpecValidator.validate(spec).spec().orElseThrow().isRotatable()).isFalse();
  }

  @Test
  void aKubernetesSpecNeedsNothingElse() {
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType("kubernetes");

    assertThat(SpecValidator.validate(spec).isValid()).isTrue();
  }

  static Stream<Arguments> overlongValues() {
    String huge = "a".repeat(40_000);
    return Stream.of(
        row("a token role", spec -> rotation(spec).setTokenRole(huge), "rotation.tokenRole"),
        row("an address", spec -> spec.getOpenbao().setAddress("https://" + huge), "address"),
        row("a namespace", spec -> spec.getOpenbao().setNamespace(huge), "openbao.namespace"),
        row(
            "a Secret name",
            spec -> spec.getOpenbao().getAuth().getTokenSecretRef().setName(huge),
            "tokenSecretRef.name"),
        row(
            "a Secret key",
            spec -> spec.getOpenbao().getAuth().getTokenSecretRef().setKey(huge),
            "tokenSecretRef.key"),
        row(
            "a KV path prefix",
            spec -> {
              KvSpec kv = new KvSpec();
              kv.setPathPrefix(huge);
              spec.getOpenbao().setKv(kv);
            },
            "kv.pathPrefix"),
        row("a duration", spec -> rotation(spec).setInterval("1h".repeat(20_000)), "interval"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void overlongValues(String what, Consumer<SecretBackendSpec> breakIt, String field) {
    SecretBackendSpec spec = rotatingSpec();
    breakIt.accept(spec);

    String problem = SpecValidator.validate(spec).problem().orElseThrow();

    assertThat(problem)
        .as("one short sentence naming the field, without the value")
        .contains(field)
        .contains("characters long, more than the")
        .endsWith("allowed; shorten it.")
        .hasSizeLessThan(200);
  }

  @Test
  void unicodeLineSeparatorsAndDirectionOverridesAreNotQuoted() {
    SecretBackendSpec spec = rotatingSpec();
    rotation(spec).setTokenRole("role\u2028forged\u0085line\u202Ereversed");

    String problem = SpecValidator.validate(spec).problem().orElseThrow();

    assertThat(problem).contains("\"role?forged?line?reversed\"");
  }

  @Test
  void lengthsAreCountedInCharactersAsTheSchemaCountsThem() {
    SecretBackendSpec spec = rotatingSpec();
    // 300 characters outside the Basic Multilingual Plane: 600 UTF-16 units, within 512. Not
    // ASCII, so not a namespace a header can carry, but not too long either.
    spec.getOpenbao().setNamespace("\uD83D\uDD11".repeat(300));

    assertThat(SpecValidator.validate(spec).problem())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains("a character other than ASCII")
                    .doesNotContain("characters long"));
  }

  @Test
  void aRefusedValueIsQuotedOnOneLineAndCutShort() {
    SecretBackendSpec spec = rotatingSpec();
    rotation(spec).setTokenRole("role\n2026-12-06 INFO forged line " + "x".repeat(200));

    String problem = SpecValidator.validate(spec).problem().orElseThrow();

    assertThat(problem)
        .doesNotContain("\n")
        .contains("\"role?2026-12-06 INFO forged line ")
        .contains("…\" is not a token role name")
        .hasSizeLessThan(300);
  }

  private static Arguments row(
      String sentence, Consumer<SecretBackendSpec> breakIt, String fragment) {
    return Arguments.of(sentence, breakIt, fragment);
  }

  private static RotationSpec rotation(SecretBackendSpec spec) {
    return spec.getOpenbao().getAuth().getRotation();
  }

  private static KvSpec kv(String mount, String prefix) {
    KvSpec kv = new KvSpec();
    kv.setMount(mount);
    kv.setPathPrefix(prefix);
    return kv;
  }

  private static TlsSpec tls() {
    TlsSpec tls = new TlsSpec();
    tls.setCaSecretRef(new SecretKeyRef("bao-ca", "ca.crt"));
    tls.setInsecureSkipVerify(true);
    return tls;
  }

  private static ConsumersSpec consumers(String restart, String maxRevokeDelay) {
    ConsumersSpec consumers = new ConsumersSpec();
    consumers.setRestart(restart);
    consumers.setMaxRevokeDelay(maxRevokeDelay);
    return consumers;
  }

  @Test
  void consumerSettingsDefaultToNoRestartAndAnHourCappedByTheInterval() {
    assertThat(rotationSettings(rotatingSpec()).consumers())
        .isEqualTo(new ConsumerPolicy(false, Duration.ofHours(1)));

    SecretBackendSpec short_ = rotatingSpec();
    rotation(short_).setInterval("1m");
    rotation(short_).setJitter("1s");
    rotation(short_).setRevokeGracePeriod("5s");
    rotation(short_).setConsumers(consumers("Rollout", null));
    assertThat(rotationSettings(short_).consumers())
        .as("an hour would outlast a one-minute interval")
        .isEqualTo(new ConsumerPolicy(true, Duration.ofSeconds(59)));
  }

  private static RotationSettings rotationSettings(SecretBackendSpec spec) {
    SpecValidator.Result result = SpecValidator.validate(spec);
    assertThat(result.problem()).isEmpty();
    return result.spec().orElseThrow().rotation().orElseThrow();
  }

  static SecretBackendSpec rotatingSpec() {
    RotationSpec rotation = new RotationSpec();
    rotation.setEnabled(true);
    rotation.setTokenRole("mcpctl-bao-rotator");
    AuthSpec auth = new AuthSpec();
    auth.setTokenSecretRef(new SecretKeyRef("bao-token", "token"));
    auth.setRotation(rotation);
    OpenBaoSpec openbao = new OpenBaoSpec();
    openbao.setAddress("https://bao.example.com:8200");
    openbao.setAuth(auth);
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType("openbao");
    spec.setOpenbao(openbao);
    return spec;
  }
}
