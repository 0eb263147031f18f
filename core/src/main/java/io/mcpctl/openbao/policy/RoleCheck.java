package io.mcpctl.openbao.policy;

import io.mcpctl.openbao.TokenRole;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an existing token role before anything is minted through it and returns every unsafe
 * setting, so the wizard and the operator can refuse with the whole list at once.
 */
public final class RoleCheck {

  /** How long failed rotations may go on before a token must still be alive (warning window). */
  public static final Duration FAILURE_RUNWAY = Duration.ofDays(7);

  private RoleCheck() {}

  /**
   * The rotation horizon: the longest a token must stay valid after it is minted, i.e. one interval
   * plus the jitter plus {@link #FAILURE_RUNWAY} of failed rotations.
   */
  public static Duration horizon(Duration rotationInterval, Duration jitter) {
    return rotationInterval.plus(jitter).plus(FAILURE_RUNWAY);
  }

  /**
   * Every unsafe setting of {@code role} for a backend whose tokens carry {@code policyName} and
   * rotate every {@code rotationInterval} (± {@code jitter}); empty when the role is safe.
   */
  public static List<RoleFinding> check(
      TokenRole role, String policyName, Duration rotationInterval, Duration jitter) {
    String name = "Token role '" + role.name() + "'";
    List<RoleFinding> findings = new ArrayList<>();
    if (!role.orphan()) {
      findings.add(
          new RoleFinding(
              "orphan",
              name
                  + " has orphan=false, so revoking the old token would also revoke its"
                  + " successor; set orphan=true."));
    }
    if (!role.renewable()) {
      findings.add(
          new RoleFinding(
              "renewable",
              name
                  + " has renewable=false, so its tokens cannot be renewed and simply expire; set"
                  + " renewable=true."));
    }
    if (role.tokenPeriod().isZero()) {
      findings.add(
          new RoleFinding(
              "token_period",
              name
                  + " sets no token_period, so its tokens are not periodic and die at their max"
                  + " TTL; set token_period="
                  + GoDuration.format(RotatorRole.TOKEN_PERIOD)
                  + "."));
    } else if (role.tokenPeriod().compareTo(rotationInterval) <= 0) {
      findings.add(
          new RoleFinding(
              "token_period",
              name
                  + " has token_period="
                  + GoDuration.format(role.tokenPeriod())
                  + ", not longer than the rotation interval "
                  + GoDuration.format(rotationInterval)
                  + ", so a token can expire before it is replaced; set token_period="
                  + GoDuration.format(RotatorRole.TOKEN_PERIOD)
                  + "."));
    }
    Duration horizon = horizon(rotationInterval, jitter);
    if (!role.tokenExplicitMaxTtl().isZero()
        && role.tokenExplicitMaxTtl().compareTo(horizon) <= 0) {
      findings.add(
          new RoleFinding(
              "token_explicit_max_ttl",
              name
                  + " has token_explicit_max_ttl="
                  + GoDuration.format(role.tokenExplicitMaxTtl())
                  + ", inside the rotation horizon of "
                  + GoDuration.format(horizon)
                  + " (interval, jitter and a week of failed rotations), so tokens can hit the"
                  + " cap before they are replaced; set token_explicit_max_ttl=0."));
    }
    if (!role.allowedPolicies().contains(policyName)) {
      findings.add(
          new RoleFinding(
              "allowed_policies",
              name
                  + " does not list policy '"
                  + policyName
                  + "' in allowed_policies, so its tokens cannot carry the backend's policy; set"
                  + " allowed_policies=["
                  + policyName
                  + "]."));
    }
    List<String> extra =
        role.allowedPolicies().stream()
            .filter(p -> !p.equals(policyName) && !p.equals("default"))
            .toList();
    if (!extra.isEmpty()) {
      findings.add(
          new RoleFinding(
              "allowed_policies",
              name
                  + " also allows "
                  + extra
                  + " in allowed_policies, and every token minted without a policy list gets"
                  + " them all; set allowed_policies=["
                  + policyName
                  + "]."));
    }
    if (role.disallowedPolicies().contains(policyName)) {
      findings.add(
          new RoleFinding(
              "disallowed_policies",
              name
                  + " lists '"
                  + policyName
                  + "' in disallowed_policies, so minting fails; remove it from"
                  + " disallowed_policies."));
    }
    if (role.tokenType().equals("batch") || role.tokenType().equals("default-batch")) {
      findings.add(
          new RoleFinding(
              "token_type",
              name
                  + " has token_type="
                  + role.tokenType()
                  + ", which issues batch tokens that cannot be renewed or mint a successor; set"
                  + " token_type=service."));
    }
    if (role.tokenNumUses() > 0) {
      findings.add(
          new RoleFinding(
              "token_num_uses",
              name
                  + " has token_num_uses="
                  + role.tokenNumUses()
                  + ", so its tokens cannot mint a successor and die after that many requests;"
                  + " set token_num_uses=0."));
    }
    return List.copyOf(findings);
  }
}
