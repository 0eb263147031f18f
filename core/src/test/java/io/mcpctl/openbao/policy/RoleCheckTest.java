package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.TokenRole;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoleCheckTest {

  private static final NarrowAccess ACCESS =
      NarrowAccess.forBackend("team-a", "bao", "secret", "mcpctl");
  private static final String POLICY = ACCESS.policyName();
  private static final Duration DAILY = Duration.ofHours(24);
  private static final Duration JITTER = Duration.ofMinutes(10);

  /** Builds a variant of the desired role. */
  private static final class Role {
    List<String> allowed = List.of(POLICY);
    List<String> disallowed = List.of();
    boolean orphan = true;
    boolean renewable = true;
    Duration period = Duration.ofHours(720);
    Duration explicitMax = Duration.ZERO;
    String type = "service";
    int numUses = 0;

    TokenRole build() {
      return new TokenRole(
          ACCESS.roleName(),
          allowed,
          disallowed,
          orphan,
          renewable,
          period,
          explicitMax,
          type,
          "",
          false,
          numUses);
    }
  }

  private static Arguments unsafe(
      String sentence, UnaryOperator<Role> change, List<String> settings) {
    return Arguments.of(sentence, change, settings);
  }

  static Stream<Arguments> roles() {
    return Stream.of(
        unsafe("the desired role is safe", r -> r, List.of()),
        unsafe(
            "a default-service token type is safe",
            r -> {
              r.type = "default-service";
              return r;
            },
            List.of()),
        unsafe(
            "allowing the default policy next to the backend's is safe",
            r -> {
              r.allowed = List.of("default", POLICY);
              return r;
            },
            List.of()),
        unsafe(
            "an explicit max TTL beyond the horizon is safe",
            r -> {
              r.explicitMax = Duration.ofDays(365);
              return r;
            },
            List.of()),
        unsafe(
            "a role that is not orphan is unsafe",
            r -> {
              r.orphan = false;
              return r;
            },
            List.of("orphan")),
        unsafe(
            "a role that is not renewable is unsafe",
            r -> {
              r.renewable = false;
              return r;
            },
            List.of("renewable")),
        unsafe(
            "a role without a period is unsafe",
            r -> {
              r.period = Duration.ZERO;
              return r;
            },
            List.of("token_period")),
        unsafe(
            "a period equal to the rotation interval is unsafe",
            r -> {
              r.period = DAILY;
              return r;
            },
            List.of("token_period")),
        unsafe(
            "a period shorter than the rotation interval is unsafe",
            r -> {
              r.period = Duration.ofHours(1);
              return r;
            },
            List.of("token_period")),
        unsafe(
            "a period just longer than the rotation interval is accepted",
            r -> {
              r.period = DAILY.plusSeconds(1);
              return r;
            },
            List.of()),
        unsafe(
            "an explicit max TTL inside the rotation horizon is unsafe",
            r -> {
              r.explicitMax = Duration.ofDays(3);
              return r;
            },
            List.of("token_explicit_max_ttl")),
        unsafe(
            "an explicit max TTL exactly at the horizon is unsafe",
            r -> {
              r.explicitMax = DAILY.plus(JITTER).plusDays(7);
              return r;
            },
            List.of("token_explicit_max_ttl")),
        unsafe(
            "a role missing the backend's policy is unsafe",
            r -> {
              r.allowed = List.of("other");
              return r;
            },
            List.of("allowed_policies", "allowed_policies")),
        unsafe(
            "a role without any allowed policies is unsafe",
            r -> {
              r.allowed = List.of();
              return r;
            },
            List.of("allowed_policies")),
        unsafe(
            "a role that also grants another policy is unsafe",
            r -> {
              r.allowed = List.of(POLICY, "admin");
              return r;
            },
            List.of("allowed_policies")),
        unsafe(
            "a role that disallows the backend's policy is unsafe",
            r -> {
              r.disallowed = List.of(POLICY);
              return r;
            },
            List.of("disallowed_policies")),
        unsafe(
            "a batch role is unsafe",
            r -> {
              r.type = "batch";
              return r;
            },
            List.of("token_type")),
        unsafe(
            "a default-batch role is unsafe",
            r -> {
              r.type = "default-batch";
              return r;
            },
            List.of("token_type")),
        unsafe(
            "a role with limited uses is unsafe",
            r -> {
              r.numUses = 5;
              return r;
            },
            List.of("token_num_uses")),
        unsafe(
            "every unsafe setting is reported at once",
            r -> {
              r.orphan = false;
              r.renewable = false;
              r.period = Duration.ofHours(12);
              r.explicitMax = Duration.ofDays(2);
              r.allowed = List.of();
              return r;
            },
            List.of(
                "orphan",
                "renewable",
                "token_period",
                "token_explicit_max_ttl",
                "allowed_policies")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void findsEveryUnsafeSetting(String sentence, UnaryOperator<Role> change, List<String> settings) {
    List<RoleFinding> findings =
        RoleCheck.check(change.apply(new Role()).build(), POLICY, DAILY, JITTER);

    assertThat(findings).extracting(RoleFinding::setting).containsExactlyElementsOf(settings);
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.message())
                  .contains(f.setting())
                  .contains("mcpctl-team-a.bao-rotator")
                  .endsWith(".");
              assertThat(f.message().split("\\. ")).hasSize(1);
            });
  }

  @Test
  void namesTheValuesInTheMessage() {
    Role role = new Role();
    role.period = Duration.ofHours(12);
    role.explicitMax = Duration.ofDays(2);

    List<RoleFinding> findings = RoleCheck.check(role.build(), POLICY, DAILY, JITTER);

    assertThat(findings.get(0).message())
        .isEqualTo(
            "Token role 'mcpctl-team-a.bao-rotator' has token_period=12h, not longer than the rotation"
                + " interval 24h, so a token can expire before it is replaced; set"
                + " token_period=720h.");
    assertThat(findings.get(1).message())
        .isEqualTo(
            "Token role 'mcpctl-team-a.bao-rotator' has token_explicit_max_ttl=48h, inside the rotation"
                + " horizon of 192h10m (interval, jitter and a week of failed rotations), so"
                + " tokens can hit the cap before they are replaced; set"
                + " token_explicit_max_ttl=0.");
  }

  @Test
  void theHorizonIsIntervalPlusJitterPlusAWeek() {
    assertThat(RoleCheck.horizon(DAILY, JITTER)).isEqualTo(Duration.ofHours(192).plusMinutes(10));
  }

  @Test
  void theDesiredRoleHasTheSettingsOfDesignSectionSix() {
    TokenRole role = RotatorRole.desired(ACCESS);

    assertThat(role.name()).isEqualTo("mcpctl-team-a.bao-rotator");
    assertThat(role.allowedPolicies()).containsExactly("mcpctl-team-a.bao");
    assertThat(role.orphan()).isTrue();
    assertThat(role.renewable()).isTrue();
    assertThat(role.tokenPeriod()).isEqualTo(Duration.ofHours(720));
    assertThat(role.tokenType()).isEqualTo("service");
    assertThat(role.tokenExplicitMaxTtl()).isZero();
    assertThat(RoleCheck.check(role, POLICY, DAILY, JITTER)).isEmpty();
  }
}
