package io.mcpctl.cli.audit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.backend.BackendOpenBao;
import io.mcpctl.cli.backend.BackendOpenBao.SecretRead;
import io.mcpctl.cli.common.AdminTokenOptions;
import io.mcpctl.cli.common.AdminTokenReader;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.Commands;
import io.mcpctl.cli.common.OutputOptions;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.common.Renderers;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.openbao.PermissionDeniedException;
import io.mcpctl.openbao.StandbyCatchUp;
import io.mcpctl.openbao.TokenInfo;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.time.GoDuration;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl audit tokens NAME}: every live token minted through the backend's token
 * role, sorted into the ones its Secret holds and the orphans, which are revoked only when asked.
 */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = {
      "List every live token minted through a SecretBackend's token role (by accessor, never by"
          + " value) and mark which one its Secret holds: current, staged by a rotation under way,"
          + " or previous (waiting for its revocation). Tokens no Secret holds are orphans: left"
          + " by a lost mint answer, made by hand with the role, or by an older install."
          + " Tokens younger than --min-age are reported as recent, never as orphans, since a"
          + " rotation may be about to store them.",
      "Needs an OpenBao admin token (sudo on auth/token/accessors, lookup-accessor and, with"
          + " --revoke-orphans, revoke-accessor) and the address it belongs to (--url or"
          + " BAO_ADDR). It is read once, sent only there and only when the backend points there"
          + " too, and never stored or printed. Exits 1 while an orphan is alive.",
      ""
    })
public final class AuditTokensCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin AdminTokenOptions adminToken;

  @Mixin AdminOpenBaoOptions adminOpenBao;

  @Parameters(index = "0", paramLabel = "NAME", description = "The SecretBackend to audit.")
  String name;

  @Option(
      names = "--revoke-orphans",
      description =
          "Revoke the orphans found (revoke-accessor). Tokens a Secret holds, recent ones and"
              + " those of other backends sharing the role are never revoked.")
  boolean revokeOrphans;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description =
          "With --revoke-orphans, for a backend whose spec names a token role other than its own"
              + " (mcpctl-NAMESPACE.NAME-rotator): that role, named by you, since whoever may edit"
              + " the spec may name any role.")
  String confirmedRole;

  @Option(
      names = "--min-age",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "A token no Secret holds is an orphan only when older than this (default:"
              + " ${DEFAULT-VALUE}): a younger one may be a rotation's fresh mint about to be"
              + " stored. 0s counts every unheld token, e.g. right after making one by hand.")
  String minAge;

  @Override
  public void run() {
    PluginRoot root = PluginRoot.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TokenAuditReport report;
    try (Cluster cluster = root.kube().connect()) {
      KubernetesClient client = cluster.client();
      SecretBackend backend = Commands.backend(cluster.reads(), name);
      BackendOpenBao openBao = openBao(client, backend);
      String role = role(openBao);
      heldAccessors(openBao); // refuses early, before the admin token is asked for
      Duration minAge = minAge();
      OpenBaoConnection connection = adminOpenBao.connectionFor(openBao, root.context(), err);
      if (revokeOrphans) {
        requireConfirmedRole(openBao, role);
      }
      VaultToken admin = new AdminTokenReader(root.context(), err).read(adminToken);
      err.println(
          "Auditing the tokens of role "
              + role
              + " at "
              + connection.address()
              + connection.namespace().map(ns -> " (namespace " + ns + ")").orElse("")
              + " for SecretBackend "
              + openBao.label()
              + ".");
      err.flush();
      OpenBaoClient bao = OpenBaoClient.connect(connection).withToken(admin);
      Instant now = root.context().clock().instant();
      LiveTokens live = liveTokens(bao, role);
      // Read after the tokens were listed: a token minted before is staged by now or its mint is
      // still marked as under way, so a rotation's fresh token is never taken for an orphan.
      HeldAccessors own = heldAccessors(openBao);
      RoleUsers others = RoleUsers.of(client, backend, role, isOwnRole(openBao, role));
      report =
          new TokenAudit(own, others.heldBy(), now, minAge)
              .audit(
                  new TokenAuditReport.Backend(openBao.namespace(), openBao.name()),
                  openBaoPart(openBao.spec(), role),
                  live.ofRole(),
                  live.others(),
                  others.unverified());
      if (!live.warnings().isEmpty()) {
        report = report.withWarnings(live.warnings());
      }
      if (revokeOrphans && !report.orphans().isEmpty()) {
        report = revoke(report, bao, openBao, role, others);
      }
    }
    switch (output.format()) {
      case json -> out.print(Renderers.json(report));
      case yaml -> out.print(Renderers.yaml(report));
      case text -> TokenAuditText.print(report, out);
    }
    out.flush();
    List<TokenAuditReport.AuditedToken> left = report.orphansLeft();
    if (!left.isEmpty()) {
      throw new CliException(
          left.size()
              + (left.size() == 1 ? " orphan token" : " orphan tokens")
              + " of role "
              + report.openbao().tokenRole()
              + (left.size() == 1 ? " is" : " are")
              + " alive; revoke "
              + (left.size() == 1 ? "it" : "them")
              + RevokeOrphansHint.of(report.backend(), report.openbao())
              + ".");
    }
  }

  private static BackendOpenBao openBao(KubernetesClient client, SecretBackend backend) {
    return BackendOpenBao.of(client, backend)
        .orElseThrow(
            () ->
                new CliException(
                    "SecretBackend "
                        + backend.getMetadata().getNamespace()
                        + "/"
                        + backend.getMetadata().getName()
                        + " is not an OpenBao backend; only OpenBao tokens can be audited."));
  }

  /**
   * Whoever may edit the spec may name another team's role, whose tokens the audit would then
   * revoke with the admin's rights: a role other than the backend's own is revoked from only when
   * the admin names it too.
   */
  private void requireConfirmedRole(BackendOpenBao openBao, String role) {
    if (isOwnRole(openBao, role) || role.equals(confirmedRole)) {
      return;
    }
    throw new CliException(
        "SecretBackend "
            + openBao.label()
            + " names token role "
            + role
            + ", not its own ("
            + NarrowAccess.defaultRoleName(openBao.namespace(), openBao.name())
            + "); --revoke-orphans revokes another role's tokens only when you name that role"
            + " with --role, once you have checked that its orphans are this backend's.");
  }

  private static String role(BackendOpenBao openBao) {
    String role =
        openBao
            .tokenRole()
            .orElseThrow(
                () ->
                    new CliException(
                        "SecretBackend "
                            + openBao.label()
                            + " has a static token and no token role, so there are no minted tokens to audit;"
                            + " set up rotation with the wizard to have one."));
    if (!OpenBaoPaths.isRoleName(role)) {
      throw new CliException(
          "SecretBackend "
              + openBao.label()
              + " names a token role that OpenBao would refuse, so no token was minted through it;"
              + " fix spec.openbao.auth.rotation.tokenRole or run the wizard again.");
    }
    return role;
  }

  private static HeldAccessors heldAccessors(BackendOpenBao openBao) {
    SecretRead read = openBao.tokenSecret();
    if (read instanceof SecretRead.Forbidden forbidden) {
      throw new CliException(
          "You may not read Secret "
              + forbidden.secret()
              + ", which tells the backend's tokens from orphans; ask for get on Secrets in"
              + " that namespace or run the audit with another --context.");
    }
    if (read instanceof SecretRead.Unbound unbound) {
      throw new CliException(
          unbound.problem()
              + " The audit sends an admin token to the backend's address only when its token"
              + " Secret is bound there.");
    }
    if (read instanceof SecretRead.Missing missing) {
      // Without the Secret nothing binds the spec's address, which anyone who may edit
      // SecretBackends can point anywhere: refused like an unbound Secret, so no admin token is
      // sent there.
      throw new CliException(
          missing.why()
              + ", so nothing binds SecretBackend "
              + openBao.label()
              + " to its address and the audit sends no admin token there; re-create the backend with the wizard, or audit the role's tokens with the bao"
              + " CLI against an address you trust.");
    }
    return HeldAccessors.of(((SecretRead.Readable) read).secret());
  }

  /**
   * The live tokens minted through {@code role}, how many others the namespace has, and how many of
   * its accessor entries name no token any more.
   */
  private record LiveTokens(List<TokenInfo> ofRole, int others, int leakedEntries) {

    /** Said beside the report: such entries are OpenBao's to clean, not the audit's. */
    List<String> warnings() {
      if (leakedEntries == 0) {
        return List.of();
      }
      return List.of(
          leakedEntries
              + (leakedEntries == 1 ? " accessor entry names" : " accessor entries name")
              + " no token any more (left by an interrupted revocation) and"
              + (leakedEntries == 1 ? " was" : " were")
              + " skipped; 'bao write auth/token/tidy' removes them.");
    }
  }

  private static final String LOOKUP_ACCESSOR_PATH = "auth/token/lookup-accessor";

  private static LiveTokens liveTokens(OpenBaoClient bao, String role) {
    List<TokenInfo> ofRole = new ArrayList<>();
    int others = 0;
    int leaked = 0;
    try {
      for (String accessor : bao.listAccessors()) {
        Optional<TokenInfo> token;
        try {
          token = bao.lookupAccessor(accessor);
        } catch (PermissionDeniedException denied) {
          // OpenBao answers an accessor entry whose token is gone (what auth/token/tidy cleans)
          // as it answers a token without the right: permission denied. Which one it is, the
          // admin token's own capabilities tell, asked at each such answer (they are rare, and
          // the admin token may have been revoked since the last).
          Set<String> granted = bao.capabilitiesSelf(LOOKUP_ACCESSOR_PATH);
          if (!granted.contains("update") && !granted.contains("root")) {
            throw denied;
          }
          leaked++;
          continue;
        }
        if (token.isEmpty()) {
          continue; // expired or revoked between the list and the lookup
        }
        if (mintedThrough(token.get(), role)) {
          ofRole.add(token.get());
        } else {
          others++;
        }
      }
    } catch (OpenBaoException e) {
      throw new CliException(
          "The audit could not list the tokens: "
              + e.getMessage()
              + " The admin token needs sudo on auth/token/accessors and update on"
              + " auth/token/lookup-accessor.",
          e);
    }
    return new LiveTokens(ofRole, others, leaked);
  }

  private static TokenAuditReport.OpenBao openBaoPart(OpenBaoSpec spec, String role) {
    return new TokenAuditReport.OpenBao(
        spec.getAddress(),
        spec.getNamespace() == null || spec.getNamespace().isBlank() ? null : spec.getNamespace(),
        role);
  }

  private Duration minAge() {
    try {
      Duration parsed = GoDuration.parse(minAge);
      if (parsed.isNegative()) {
        throw new IllegalArgumentException("it may not be negative");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --min-age: " + e.getMessage());
    }
  }

  private static boolean mintedThrough(TokenInfo token, String role) {
    return token.role().filter(role::equals).isPresent()
        || ("auth/token/create/" + role).equals(token.path());
  }

  /**
   * Revokes the orphans, after reading the Secret once more: a token it holds by now (a rotation
   * staged it meanwhile) is left alone.
   */
  private static TokenAuditReport revoke(
      TokenAuditReport report,
      OpenBaoClient bao,
      BackendOpenBao openBao,
      String role,
      RoleUsers others) {
    if (!others.unverified().isEmpty() && !isOwnRole(openBao, role)) {
      throw new CliException(
          "Orphans were not revoked: "
              + String.join("; ", others.unverified())
              + ". Revoke them by accessor once you have checked them, or audit with rights to"
              + " those backends.");
    }
    HeldAccessors now = heldAccessors(openBao);
    Set<String> revoked = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    for (TokenAuditReport.AuditedToken orphan : report.orphans()) {
      if (now.holding(orphan.accessor()).isPresent()) {
        continue;
      }
      try {
        // A standby that has not received the token yet finds none behind its accessor.
        if (StandbyCatchUp.REAL.untilSeen(
            () -> bao.revokeAccessor(orphan.accessor()), found -> !found)) {
          revoked.add(orphan.accessor());
        } else {
          failures.add(
              "Orphan "
                  + orphan.accessor()
                  + " was not revoked: OpenBao found no token behind its accessor any more.");
        }
      } catch (OpenBaoException e) {
        failures.add(
            "Revoking orphan "
                + orphan.accessor()
                + " failed ("
                + e.getMessage()
                + "); the admin token needs update on auth/token/revoke-accessor.");
      }
    }
    TokenAuditReport done = report.withRevoked(revoked);
    return failures.isEmpty() ? done : done.withWarnings(failures);
  }

  /**
   * Whether the role is the one the wizard made for this very backend: its name holds the backend's
   * namespace and name, so no other backend's tokens come from it.
   */
  private static boolean isOwnRole(BackendOpenBao openBao, String role) {
    return NarrowAccess.defaultRoleName(openBao.namespace(), openBao.name()).equals(role);
  }

  private static boolean isOwnRole(TokenAuditReport report) {
    return NarrowAccess.defaultRoleName(report.backend().namespace(), report.backend().name())
        .equals(report.openbao().tokenRole());
  }
}
