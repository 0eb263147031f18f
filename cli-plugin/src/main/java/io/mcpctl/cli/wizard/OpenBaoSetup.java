package io.mcpctl.cli.wizard;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.openbao.HealthStatus;
import io.mcpctl.openbao.MountInfo;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RoleCheck;
import io.mcpctl.openbao.policy.RoleFinding;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wizard's OpenBao steps that need the admin token: health, the admin token's capabilities, the
 * KV v2 mount, the narrow policy and the rotation role. Each leaves alone what is already right, so
 * a second run writes nothing.
 */
final class OpenBaoSetup {

  private static final String ROOT = "root";

  private final OpenBaoClient admin;
  private final NarrowAccess access;
  private final Duration rotationInterval;
  private final Duration jitter;
  private Map<String, Set<String>> capabilities = Map.of();
  private boolean changedAnything;
  private final List<String> created = new ArrayList<>();

  OpenBaoSetup(
      OpenBaoClient admin, NarrowAccess access, Duration rotationInterval, Duration jitter) {
    this.admin = admin;
    this.access = access;
    this.rotationInterval = rotationInterval;
    this.jitter = jitter;
  }

  /** Whether any step wrote to OpenBao. */
  boolean changedAnything() {
    return changedAnything;
  }

  /**
   * After a failure: what this run created in OpenBao and leaves there, with how to be rid of it;
   * empty when it created nothing. A mount is named, never offered to disable: secrets written into
   * it meanwhile would go with it.
   */
  Optional<String> leftInOpenBao() {
    if (created.isEmpty()) {
      return Optional.empty();
    }
    List<String> removals = new ArrayList<>();
    if (created.contains(roleLabel())) {
      removals.add("'bao delete auth/token/roles/" + access.roleName() + "' removes the role");
    }
    if (created.contains(policyLabel())) {
      removals.add("'bao policy delete " + access.policyName() + "' removes the policy");
    }
    String them = created.size() == 1 ? "it" : "them";
    return Optional.of(
        "note: this run created "
            + String.join(", ", created)
            + " in OpenBao and leaves "
            + them
            + " there; running the wizard again uses "
            + them
            + removals.stream().map(removal -> "; " + removal).collect(Collectors.joining())
            + ".");
  }

  private String policyLabel() {
    return "policy " + access.policyName();
  }

  private String roleLabel() {
    return "token role " + access.roleName();
  }

  /** Step 1: only an initialised, unsealed node, active or standby, can be set up. */
  String checkHealth() {
    HealthStatus health = admin.health();
    String where = "OpenBao at " + admin.connection().address();
    switch (health.state()) {
      case ACTIVE:
        return "active" + health.version().map(version -> " (version " + version + ")").orElse("");
      case SEALED:
        throw new CliException(
            where + " is sealed; unseal it ('bao operator unseal') and run the wizard again.");
      case UNINITIALISED:
        throw new CliException(
            where
                + " is not initialised; initialise and unseal it ('bao operator init'), then run"
                + " the wizard again.");
      case STANDBY:
        // Behind a load balancer any node may answer; a standby forwards writes to the active
        // node (and since OpenBao 2.5 serves reads itself), so the setup goes on.
        return "standby (it forwards writes to the active node)"
            + health.version().map(version -> ", version " + version).orElse("");
      case UNREACHABLE:
        throw new CliException(
            "Could not reach "
                + where
                + " ("
                + Sentences.withoutFinalPeriod(health.detail())
                + "); check --url and that OpenBao is running, then run the wizard again.");
      case TLS_REFUSED:
        throw new CliException(
            "The TLS handshake with "
                + where
                + " failed ("
                + Sentences.withoutFinalPeriod(health.detail())
                + "); pass --ca-file with the CA that signed its certificate, or"
                + " --insecure-skip-tls-verify for a test server.");
      default:
        throw new IllegalStateException("Unknown health state " + health.state());
    }
  }

  /** Step 2: the admin token must be valid and allowed to do what the next steps do. */
  String checkAdminCapabilities() {
    Map<String, Set<String>> needed = new LinkedHashMap<>();
    needed.put(mountPath(), Set.of("read"));
    needed.put(policyPath(), Set.of("read", "update"));
    needed.put(rolePath(), Set.of("read"));
    needed.put(mintPath(), Set.of("update"));
    try {
      capabilities = admin.capabilitiesSelf(List.copyOf(needed.keySet()));
    } catch (TokenRejectedException rejected) {
      throw new CliException(
          "OpenBao rejected the admin token (it is unknown, expired or revoked); check the token"
              + " and run the wizard again.");
    } catch (PermissionDeniedException denied) {
      throw new CliException(
          "The admin token may not even list its own capabilities (sys/capabilities-self); use"
              + " an admin token whose policies grant it, then run the wizard again.");
    }
    List<String> missing = new ArrayList<>();
    needed.forEach(
        (path, wanted) -> {
          List<String> lacking =
              wanted.stream().filter(cap -> !allows(path, cap)).sorted().toList();
          if (!lacking.isEmpty()) {
            missing.add(String.join("+", lacking) + " on " + path);
          }
        });
    if (!missing.isEmpty()) {
      throw new CliException(
          "The admin token lacks "
              + String.join(", ", missing)
              + "; use a token whose policies grant these, then run the wizard again.");
    }
    return capabilities.values().stream().anyMatch(caps -> caps.contains(ROOT))
        ? "root token"
        : "ok (" + needed.size() + " paths checked)";
  }

  /** Step 3: a KV v2 engine at the mount, created if absent; kv v1 and other engines refused. */
  String ensureKvV2Mount() {
    String mount = access.mount() + "/";
    Optional<MountInfo> found = admin.readMount(access.mount());
    if (found.isEmpty()) {
      if (!allows(mountPath(), "update")) {
        throw new CliException(
            "There is no mount at "
                + mount
                + " and the admin token may not create one (it lacks update on "
                + mountPath()
                + "); create a KV v2 mount there or grant that capability, then run the wizard"
                + " again.");
      }
      admin.enableKvV2(access.mount(), "MCP secrets managed by mcpctl");
      changedAnything = true;
      created.add("KV v2 mount " + mount);
      return "created (KV v2)";
    }
    switch (found.get().kind()) {
      case KV_V2:
        return "KV v2, exists";
      case KV_V1:
        throw new CliException(
            "The mount "
                + mount
                + " is KV version 1, which would store secrets under literal 'data/' keys; upgrade"
                + " it ('bao kv enable-versioning "
                + mount
                + "') or choose another --mount.");
      default:
        throw new CliException(
            "The mount "
                + mount
                + " is a '"
                + found.get().type()
                + "' engine, not KV v2; choose another --mount.");
    }
  }

  /**
   * Step 4: the narrow policy. A policy that names another backend as its owner is never
   * overwritten, not even with --yes: that backend's token would lose its secrets. A different
   * policy of this backend's, or one without an owner line (written by hand or by an older mcpctl),
   * is shown as a diff and overwritten only when {@code overwrite} agrees.
   */
  String ensurePolicy(PolicyDecision overwrite, StepPrinter steps) {
    String wanted = NarrowPolicy.hcl(access);
    Optional<String> existing =
        admin.readPolicy(access.policyName()).map(policy -> policy.policy());
    if (existing.isEmpty()) {
      admin.writePolicy(access.policyName(), wanted);
      changedAnything = true;
      created.add(policyLabel());
      return "created";
    }
    refuseIfAnotherBackendsPolicy(existing.get());
    if (LineDiff.same(existing.get(), wanted)) {
      return "unchanged";
    }
    steps.detail("differs from what mcpctl needs (- existing, + wanted):");
    LineDiff.between(existing.get(), wanted).forEach(steps::detail);
    if (!overwrite.approve("Overwrite policy " + access.policyName() + "?")) {
      throw new CliException(
          "Policy "
              + access.policyName()
              + " exists with different rules (diff above); run again with --yes to overwrite it,"
              + " or pick another --policy-name.");
    }
    admin.writePolicy(access.policyName(), wanted);
    changedAnything = true;
    return "overwritten";
  }

  /** Step 5: the rotation role; an existing unsafe role is refused, naming every setting. */
  String ensureRole() {
    Optional<TokenRole> existing = admin.readTokenRole(access.roleName());
    if (existing.isEmpty()) {
      if (!allows(rolePath(), "create")) {
        throw new CliException(
            "The admin token may not create token role "
                + access.roleName()
                + " (it lacks create on "
                + rolePath()
                + "); grant that capability, then run the wizard again.");
      }
      admin.writeTokenRole(RotatorRole.desired(access));
      changedAnything = true;
      created.add(roleLabel());
      return "created (orphan, renewable, period "
          + GoDuration.format(RotatorRole.TOKEN_PERIOD)
          + ")";
    }
    refuseIfAnotherBackendsRole(existing.get());
    List<RoleFinding> findings =
        RoleCheck.check(existing.get(), access.policyName(), rotationInterval, jitter);
    if (!findings.isEmpty()) {
      throw new CliException(
          "Token role "
              + access.roleName()
              + " exists but is unsafe ("
              + findings.stream()
                  .map(RoleFinding::setting)
                  .distinct()
                  .collect(Collectors.joining(", "))
              + "): "
              + findings.stream()
                  .map(finding -> Sentences.withoutFinalPeriod(finding.message()))
                  .collect(Collectors.joining("; "))
              + "; fix or delete the role, or pick another --token-role, then run the wizard"
              + " again.");
    }
    return "exists and is safe";
  }

  /**
   * A role whose allowed_policies name a policy another backend owns mints that backend's tokens:
   * say whose it is rather than call it unsafe and suggest deleting it. A policy the admin token
   * may not read is left to {@link RoleCheck}, which refuses any policy but this backend's.
   */
  private void refuseIfAnotherBackendsRole(TokenRole role) {
    for (String policy : role.allowedPolicies()) {
      if (policy.equals(access.policyName()) || policy.equals("default")) {
        continue;
      }
      Optional<String> text;
      try {
        text = admin.readPolicy(policy).map(found -> found.policy());
      } catch (PermissionDeniedException unreadable) {
        continue;
      }
      Optional<String> owner = text.flatMap(NarrowPolicy::owner);
      if (owner.isPresent() && !owner.get().equals(access.owner())) {
        throw new CliException(
            "Token role "
                + access.roleName()
                + " belongs to SecretBackend "
                + owner.get()
                + " (it mints tokens with that backend's policy "
                + policy
                + "); pick another --token-role.");
      }
    }
  }

  /** Refuses this run's policy when the existing policy's owner line names another backend. */
  private void refuseIfAnotherBackendsPolicy(String policyText) {
    Optional<String> owner = NarrowPolicy.owner(policyText);
    if (owner.isPresent() && !owner.get().equals(access.owner())) {
      throw new CliException(
          "Policy "
              + access.policyName()
              + " belongs to SecretBackend "
              + owner.get()
              + "; pick another --policy-name.");
    }
  }

  private boolean allows(String path, String capability) {
    Set<String> granted = capabilities.getOrDefault(path, Set.of());
    return granted.contains(ROOT) || granted.contains(capability);
  }

  private String mountPath() {
    return "sys/mounts/" + access.mount();
  }

  private String policyPath() {
    return "sys/policies/acl/" + access.policyName();
  }

  private String rolePath() {
    return "auth/token/roles/" + access.roleName();
  }

  private String mintPath() {
    return "auth/token/create/" + access.roleName();
  }

  /** Whether to overwrite something that differs: --yes, a confirmation, or no. */
  interface PolicyDecision {
    boolean approve(String question);
  }
}
