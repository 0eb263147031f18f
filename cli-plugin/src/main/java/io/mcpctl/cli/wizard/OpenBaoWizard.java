package io.mcpctl.cli.wizard;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.CaBundle;
import io.mcpctl.cli.backend.DefaultBackends;
import io.mcpctl.cli.backend.KubernetesChanges;
import io.mcpctl.cli.common.AdminTokenReader;
import io.mcpctl.cli.common.CliContext;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.CliNote;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.KubeOptions;
import io.mcpctl.cli.common.KubernetesErrors;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.text.Sentences;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;

/**
 * {@code create secretbackend NAME --type openbao --wizard}: health → admin capabilities → KV v2
 * mount → policy → role → first token → verify → Kubernetes objects → summary. The admin token is
 * only ever sent to OpenBao. A failure after the mint revokes the minted token and undoes the
 * Kubernetes writes of this run.
 */
public final class OpenBaoWizard {

  private static final int STEPS = 8;

  private final KubeOptions kube;
  private final CliContext context;
  private final PrintWriter out;
  private final PrintWriter err;

  public OpenBaoWizard(KubeOptions kube, CliContext context, PrintWriter out, PrintWriter err) {
    this.kube = kube;
    this.context = context;
    this.out = out;
    this.err = err;
  }

  public void run(WizardSettings settings) {
    VaultToken adminToken = new AdminTokenReader(context, err).read(settings.adminToken());
    OpenBaoClient openBao = openBaoClient(settings);
    try (Cluster cluster = kube.connect()) {
      Run run = new Run(settings, cluster, openBao.withToken(adminToken));
      try {
        run.execute();
      } catch (RuntimeException failed) {
        run.leftInOpenBao().ifPresent(note -> failed.addSuppressed(new CliNote(note)));
        throw failed;
      }
    }
  }

  /** The client for the wizard's OpenBao, which trusts the CA bundle of {@code --ca-file}. */
  private static OpenBaoClient openBaoClient(WizardSettings settings) {
    try {
      return OpenBaoClient.connect(settings.connection());
    } catch (IllegalArgumentException unreadableCaBundle) {
      // Building the trust store refuses a CA bundle without a readable certificate this way;
      // without a bundle there is nothing to refuse, and the failure is a bug to report.
      throw settings.caBundle().map(CaBundle::unreadable).orElseThrow(() -> unreadableCaBundle);
    }
  }

  /** One run of the wizard against one namespace and one OpenBao. */
  private final class Run {
    private WizardSettings settings;
    private final Cluster cluster;
    private final OpenBaoClient admin;
    private final String namespace;
    private final StepPrinter steps = new StepPrinter(out, STEPS);
    private Optional<OpenBaoSetup> openBaoSetup = Optional.empty();

    /** Set when a signal's cleanup has already said what the run leaves in OpenBao. */
    private volatile boolean setupNoteShown;

    Run(WizardSettings settings, Cluster cluster, OpenBaoClient admin) {
      this.settings = settings;
      this.cluster = cluster;
      this.admin = admin;
      this.namespace = cluster.namespace();
    }

    void execute() {
      String name = settings.names().backend();
      DefaultBackends backends = DefaultBackends.read(cluster);
      Optional<SecretBackend> existing = backends.find(name);
      ExistingTokenSecret tokenSecret =
          ExistingTokenSecret.check(
              secret(settings.names().tokenSecret()),
              namespace,
              settings.names(),
              settings.binding(),
              existing);
      if (settings.caPem().isPresent()) {
        managedSecret(settings.names().caSecret());
      }
      refuseOtherType(existing);
      settings
          .stated()
          .refuseUnstatedMove(
              existing, settings.mount(), settings.pathPrefix(), settings.connection().namespace());
      if (settings.promoteDefault()
          && existing.filter(backend -> !backend.getSpec().isDefaultBackend()).isPresent()) {
        // Re-running for a backend that exists (an upgrade, a repair) must not change which
        // backend is the namespace's default.
        settings = settings.withoutPromotion();
        out.println(
            "SecretBackend "
                + name
                + " exists and is not the namespace's default; it stays so (only a new backend is"
                + " promoted).");
      }
      Optional<RotationSpec> existingRotation = existing.flatMap(OpenBaoWizard::rotationOf);
      RotationTiming timing =
          RotationTiming.resolve(
              name, settings.rotationInterval(), settings.revokeGracePeriod(), existingRotation);
      String previousDefault = backends.defaultOtherThan(name);

      out.println(
          "Setting up SecretBackend "
              + name
              + " in namespace "
              + namespace
              + " with OpenBao at "
              + settings.address()
              + settings
                  .connection()
                  .namespace()
                  .map(openBaoNamespace -> ", OpenBao namespace " + openBaoNamespace)
                  .orElse(""));
      out.flush();
      NarrowAccess access = settings.access(namespace);
      Optional<RetiredAccess> retired = RetiredAccess.of(namespace, name, existingRotation, access);
      OpenBaoSetup setup =
          new OpenBaoSetup(admin, access, timing.interval().duration(), timing.jitter().duration());
      this.openBaoSetup = Optional.of(setup);
      steps.run("OpenBao health", setup::checkHealth);
      steps.run("Admin token capabilities", setup::checkAdminCapabilities);
      // A signal here ends the run after the step under way, saying what it left in OpenBao.
      try (SetupInterrupt interrupted =
          new SetupInterrupt(
              () -> {
                err.println();
                err.println("Interrupted: stopping after the OpenBao step under way.");
                err.flush();
              },
              () -> {
                setupNoteShown = true;
                setup.leftInOpenBao().ifPresent(err::println);
                err.flush();
              })) {
        interrupted.step(
            () -> steps.run("KV v2 mount " + access.mount() + "/", setup::ensureKvV2Mount));
        interrupted.step(
            () ->
                steps.run(
                    "Policy " + access.policyName(),
                    () ->
                        setup.ensurePolicy(
                            question -> interrupted.whileAsking(() -> approve(question)), steps)));
        interrupted.step(() -> steps.run("Token role " + access.roleName(), setup::ensureRole));
      }

      FirstToken first = new FirstToken(admin, access, namespace + "/" + name);
      KubernetesChanges changes = new KubernetesChanges(cluster.client(), namespace);
      BackendPublisher publisher =
          new BackendPublisher(
              settings, access, timing, namespace, backends, existing, tokenSecret, changes);
      try (InterruptCleanup interrupted =
          new InterruptCleanup(
              () -> {
                err.println();
                err.println("Interrupted: undoing this run before exiting.");
                err.flush();
              },
              () -> cleanUp(new CliException("Interrupted."), first, changes, tokenSecret))) {
        try {
          interrupted.step(
              () -> steps.run("First token", () -> first.obtain(tokenSecret.currentToken())));
          first
              .periodShortfall()
              .ifPresent(
                  shortfall -> {
                    err.println("warning: " + shortfall);
                    err.flush();
                  });
          interrupted.step(() -> steps.run("Verify the token", first::verify));
          interrupted.step(() -> steps.run("Kubernetes objects", () -> publisher.publish(first)));
        } catch (RuntimeException failure) {
          throw interrupted.failed(failure, failed -> cleanUp(failed, first, changes, tokenSecret));
        }
      }
      if (first.minted()) {
        try (FinishBeforeExit finishing =
            new FinishBeforeExit(
                () -> {
                  err.println();
                  err.println(
                      "Interrupted: revoking the tokens the Secret held before, then exiting.");
                  err.flush();
                })) {
          revokeReplacedTokens(tokenSecret, first.token(), Set.of());
        }
      }
      new WizardSummary(settings, access, timing, cluster)
          .print(
              out,
              setup.changedAnything() || first.minted() || publisher.changedAnything(),
              previousDefault,
              publisher.demoted(),
              retired);
    }

    /** After a failure: what this run created in OpenBao and leaves there, if anything. */
    Optional<String> leftInOpenBao() {
      if (setupNoteShown) {
        return Optional.empty();
      }
      return openBaoSetup.flatMap(OpenBaoSetup::leftInOpenBao);
    }

    /**
     * After a failure: undo this run's Kubernetes writes and revoke what it minted; returns what to
     * report.
     */
    private RuntimeException cleanUp(
        RuntimeException failure,
        FirstToken first,
        KubernetesChanges changes,
        ExistingTokenSecret previous) {
      boolean hadKubernetesChanges = changes.changedAnything();
      RuntimeException reported = changes.rolledBack(failure);
      if (first.minted() && changes.notRestored(settings.names().tokenSecret())) {
        revokeTokensNoLongerHeld(first, previous);
        return reported;
      }
      Optional<String> unrevoked = first.revokeMinted();
      if (first.minted()) {
        err.println(
            unrevoked.orElse(
                "Cleaned up: the token minted in this run was revoked"
                    + (hadKubernetesChanges && reported == failure
                        ? " and this run's Kubernetes changes were undone."
                        : ".")));
        err.flush();
      }
      return reported;
    }

    /**
     * After a failure whose rollback left the token Secret as it found it (it changed after this
     * run wrote the new token into it, the operator rotating it, or could not be written): what
     * this run wrote stands, so its token and those it replaced are treated as after a successful
     * run, each revoked only when the Secret no longer holds it. A Secret that cannot be read again
     * gets nothing revoked: a token it holds is worth more than one left to expire.
     */
    private void revokeTokensNoLongerHeld(FirstToken first, ExistingTokenSecret previous) {
      String secretName = settings.names().tokenSecret();
      Set<VaultToken> held;
      try {
        held = ExistingTokenSecret.tokensHeldBy(secret(secretName));
      } catch (KubernetesClientException unreadable) {
        err.println(
            "Secret "
                + secretName
                + " kept the token minted in this run and could not be read again ("
                + Sentences.withoutFinalPeriod(KubernetesErrors.sentence(unreadable))
                + "), so no token was revoked; check it with 'kubectl mcpctl describe"
                + " secretbackend "
                + settings.names().backend()
                + "'.");
        err.flush();
        return;
      }
      if (held.contains(first.token())) {
        err.println(
            "Kept: Secret "
                + secretName
                + " could not be put back as it was and still holds the token minted in this run,"
                + " so that token was not revoked.");
      } else {
        err.println(
            first
                .revokeMinted()
                .orElse(
                    "Cleaned up: the token minted in this run, which Secret "
                        + secretName
                        + " no longer holds, was revoked."));
      }
      err.flush();
      revokeReplacedTokens(previous, first.token(), held);
    }

    /**
     * The new token replaced whatever the Secret held before; those tokens are revoked so every
     * token ever minted is either stored or revoked, unless the Secret holds one again ({@code
     * stillHeld}). Best effort: a dead token is already gone. Only tokens of this backend's own
     * Secret, for this OpenBao, are sent anywhere.
     */
    private void revokeReplacedTokens(
        ExistingTokenSecret previous, VaultToken current, Set<VaultToken> stillHeld) {
      for (VaultToken token : previous.tokensReplacedBy(current)) {
        if (stillHeld.contains(token)) {
          continue;
        }
        try {
          admin.withToken(token).revokeSelf();
          out.println("Revoked a token the Secret held before.");
        } catch (TokenRejectedException alreadyGone) {
          // Expired or revoked already: nothing left to clean up.
        } catch (OpenBaoException failed) {
          err.println(
              "warning: could not revoke a token the Secret held before ("
                  + Sentences.withoutFinalPeriod(failed.getMessage())
                  + "); it expires on its own unless renewed.");
        }
      }
      previous.tokensLeftAlone(settings.address()).ifPresent(err::println);
      out.flush();
      err.flush();
    }

    private boolean approve(String question) {
      if (settings.assumeYes()) {
        steps.detail("overwriting (--yes)");
        return true;
      }
      return context.terminal().isInteractive() && context.terminal().confirm(question);
    }

    private void refuseOtherType(Optional<SecretBackend> existing) {
      existing
          .filter(backend -> !"openbao".equals(backend.getSpec().getType()))
          .ifPresent(
              backend -> {
                throw new CliException(
                    "SecretBackend "
                        + backend.getMetadata().getName()
                        + " already exists with type "
                        + backend.getSpec().getType()
                        + "; delete it first or choose another name.");
              });
    }

    private Optional<Secret> secret(String secretName) {
      return Optional.ofNullable(
          cluster.client().secrets().inNamespace(namespace).withName(secretName).get());
    }

    /** The Secret if it exists; one that mcpctl does not manage is never overwritten. */
    private Optional<Secret> managedSecret(String secretName) {
      Optional<Secret> secret = secret(secretName);
      if (secret.isPresent() && !BackendObjects.isManaged(secret.get())) {
        throw new CliException(BackendObjects.notManaged(secretName, namespace, ""));
      }
      return secret;
    }
  }

  private static Optional<RotationSpec> rotationOf(SecretBackend backend) {
    return Optional.ofNullable(backend.getSpec())
        .map(spec -> spec.getOpenbao())
        .map(openbao -> openbao.getAuth())
        .map(auth -> auth.getRotation());
  }
}
