package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenBaoPathsTest {

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of(
            "plain names stay as they are", "mcpctl/team-a/github", "mcpctl/team-a/github"),
        Arguments.of("a space becomes %20, not +", "mcpctl/my secret", "mcpctl/my%20secret"),
        Arguments.of("a percent sign is escaped", "mcpctl/100%", "mcpctl/100%25"),
        Arguments.of("a question mark and hash cannot end the path", "a?b/c#d", "a%3Fb/c%23d"),
        Arguments.of("a plus sign is escaped", "mcpctl/a+b", "mcpctl/a%2Bb"),
        Arguments.of(
            "non-ASCII letters are UTF-8 encoded", "mcpctl/grüße", "mcpctl/gr%C3%BC%C3%9Fe"),
        Arguments.of(
            "dots and dashes stay", "mcpctl/.mcpctl-healthcheck", "mcpctl/.mcpctl-healthcheck"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void encodesEachSegment(String sentence, String path, String expected) {
    assertThat(OpenBaoPaths.encodePath(path)).isEqualTo(expected);
  }

  @Test
  void encodesASlashInsideOneSegment() {
    assertThat(OpenBaoPaths.encodeSegment("a/b")).isEqualTo("a%2Fb");
  }

  @ParameterizedTest(name = "secret path \"{0}\" is refused")
  @ValueSource(
      strings = {"", " ", "/mcpctl/x", "mcpctl/x/", "mcpctl//x", "mcpctl/../x", "./x", "a/\nb"})
  void refusesMalformedSecretPaths(String path) {
    assertThatThrownBy(() -> OpenBaoPaths.requireSecretPath(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret path")
        .hasMessageEndingWith(".");
  }

  @Test
  void aSecretPathMayContainPolicyGlobCharacters() {
    assertThat(OpenBaoPaths.requireSecretPath("mcpctl/a+b*")).isEqualTo("mcpctl/a+b*");
  }

  @ParameterizedTest(name = "mount \"{0}\" is refused")
  @ValueSource(strings = {"", "secret/", "/secret", "sec*ret", "a+b", "se\"cret"})
  void refusesMountsThatWouldBreakPolicies(String mount) {
    assertThatThrownBy(() -> OpenBaoPaths.requireMount(mount))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KV mount");
  }

  @Test
  void acceptsNestedMountsAndPrefixes() {
    assertThat(OpenBaoPaths.requireMount("teams/kv")).isEqualTo("teams/kv");
    assertThat(OpenBaoPaths.requirePathPrefix("mcpctl/prod")).isEqualTo("mcpctl/prod");
  }

  @ParameterizedTest(name = "role name \"{0}\" is refused")
  @ValueSource(strings = {"", "-a", "a-", "a b", "a/b", "ä"})
  void refusesRoleNamesOpenBaoRejects(String name) {
    assertThatThrownBy(() -> OpenBaoPaths.requireRoleName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Token role name");
  }

  @Test
  void acceptsRoleNamesWithDotsAndDashes() {
    assertThat(OpenBaoPaths.requireRoleName("mcpctl-bao.v1_rotator"))
        .isEqualTo("mcpctl-bao.v1_rotator");
    assertThat(OpenBaoPaths.requireRoleName("r")).isEqualTo("r");
  }

  @Test
  void refusesUpperCasePolicyNamesBecauseOpenBaoLowerCasesThem() {
    assertThatThrownBy(() -> OpenBaoPaths.requirePolicyName("MCPCTL-bao"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case");
    assertThat(OpenBaoPaths.requirePolicyName("mcpctl-bao")).isEqualTo("mcpctl-bao");
  }

  @Test
  void requireNameRefusesSlashesAndBlanks() {
    assertThatThrownBy(() -> OpenBaoPaths.requireName("a/b", "policy"))
        .hasMessageContaining("policy name");
    assertThatThrownBy(() -> OpenBaoPaths.requireName(" ", "policy"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OpenBaoPaths.requireName("Default", "policy")).isEqualTo("Default");
  }

  static Stream<Arguments> namespaceRules() {
    return Stream.of(
        Arguments.of("sys/health", true),
        Arguments.of("sys/health?standbyok=true", true),
        Arguments.of("sys/seal-status", true),
        Arguments.of("sys/unseal", true),
        Arguments.of("sys/generate-root/attempt", true),
        Arguments.of("sys/mounts/secret", false),
        Arguments.of("sys/policies/acl/mcpctl-bao", false),
        Arguments.of("sys/capabilities-self", false),
        Arguments.of("sys/internal/ui/mounts/secret", false),
        Arguments.of("sys/healthy-looking-but-not", false),
        Arguments.of("auth/token/lookup-self", false),
        Arguments.of("secret/data/sys/health", false));
  }

  @ParameterizedTest(name = "{0} is root-only: {1}")
  @MethodSource("namespaceRules")
  void knowsWhichApisMustNotCarryANamespace(String path, boolean rootOnly) {
    assertThat(OpenBaoPaths.isRootOnlySysApi(path)).isEqualTo(rootOnly);
  }
}
