package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.DefaultBackends;
import io.mcpctl.cli.backend.KubernetesChanges;
import io.mcpctl.cli.backend.KubernetesChanges.Change;
import io.mcpctl.openbao.policy.NarrowAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 8: the CA and token Secrets and the SecretBackend as the wizard wants them, and the
 * promotion to default. Every write goes through {@link KubernetesChanges}, so it can be undone.
 */
final class BackendPublisher {

  private final WizardSettings settings;
  private final NarrowAccess access;
  private final RotationTiming timing;
  private final String namespace;
  private final DefaultBackends backends;
  private final Optional<SecretBackend> existing;
  private final ExistingTokenSecret tokenSecret;
  private final KubernetesChanges changes;
  private final List<Change> outcomes = new ArrayList<>();
  private final List<String> demoted = new ArrayList<>();

  BackendPublisher(
      WizardSettings settings,
      NarrowAccess access,
      RotationTiming timing,
      String namespace,
      DefaultBackends backends,
      Optional<SecretBackend> existing,
      ExistingTokenSecret tokenSecret,
      KubernetesChanges changes) {
    this.settings = settings;
    this.access = access;
    this.timing = timing;
    this.namespace = namespace;
    this.backends = backends;
    this.existing = existing;
    this.tokenSecret = tokenSecret;
    this.changes = changes;
  }

  /** Writes what differs; returns one line saying what happened to each object. */
  String publish(FirstToken first) {
    List<String> report = new ArrayList<>();
    if (settings.caPem().isPresent()) {
      report.add(
          apply(
              "Secret " + settings.names().caSecret(),
              changes.applySecret(
                  BackendObjects.caSecret(namespace, settings.names(), settings.caPem().get()))));
    }
    report.add(publishTokenSecret(first));
    String name = settings.names().backend();
    Change backendChange =
        changes.applyBackend(BackendObjects.backend(namespace, name, desiredSpec()));
    List<String> timingChanges = backendChange == Change.UPDATED ? timing.changes() : List.of();
    report.add(
        apply("SecretBackend " + name, backendChange)
            + (timingChanges.isEmpty() ? "" : " (" + String.join(", ", timingChanges) + ")"));
    if (settings.promoteDefault()) {
      demoted.addAll(backends.demoteAllBut(name, changes));
      demoted.forEach(other -> report.add("SecretBackend " + other + " no longer default"));
    }
    return String.join(", ", report);
  }

  /**
   * A minted token is written bound to the backend; a kept one stays where it is, and a Secret an
   * older mcpctl wrote is bound (recreated: a Secret's type never changes) with what it holds.
   */
  private String publishTokenSecret(FirstToken first) {
    String what = "Secret " + settings.names().tokenSecret();
    if (first.minted()) {
      return apply(
          what,
          changes.applySecretUnchangedSince(
              BackendObjects.tokenSecret(
                  namespace, settings.names(), settings.binding(), first.token(), first.accessor()),
              tokenSecret.secret()));
    }
    if (tokenSecret.bound()) {
      return what + " unchanged";
    }
    return apply(
        what,
        changes.applySecretUnchangedSince(
            BackendObjects.boundTokenSecret(
                namespace,
                settings.names(),
                settings.binding(),
                tokenSecret.secret().orElseThrow().getData()),
            tokenSecret.secret()));
  }

  boolean changedAnything() {
    return outcomes.stream().anyMatch(change -> change != Change.UNCHANGED) || !demoted.isEmpty();
  }

  /** The defaults this run demoted, for the summary. */
  List<String> demoted() {
    return List.copyOf(demoted);
  }

  private SecretBackendSpec desiredSpec() {
    boolean isDefault =
        settings.promoteDefault()
            || existing.map(backend -> backend.getSpec().isDefaultBackend()).orElse(false);
    SecretBackendSpec spec =
        BackendObjects.openBaoSpec(
            settings.names(),
            new OpenBaoTarget(
                settings.address(),
                settings.connection().namespace().orElse(null),
                access.mount(),
                access.pathPrefix(),
                settings.caPem().isPresent(),
                settings.connection().insecureSkipVerify()),
            Optional.of(timing.rotation(access.roleName())),
            isDefault);
    // What the wizard has no flag for stays as the backend has it.
    existing
        .map(backend -> backend.getSpec().getOpenbao())
        .map(openbao -> openbao.getAuth())
        .map(auth -> auth.getRotation())
        .map(rotation -> rotation.getConsumers())
        .ifPresent(consumers -> spec.getOpenbao().getAuth().getRotation().setConsumers(consumers));
    return spec;
  }

  private String apply(String what, Change change) {
    outcomes.add(change);
    return what + " " + change.word();
  }
}
