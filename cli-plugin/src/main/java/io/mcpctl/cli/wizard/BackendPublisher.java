package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.create.BackendObjects;
import io.mcpctl.cli.create.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.create.BackendObjects.Rotation;
import io.mcpctl.cli.create.DefaultBackends;
import io.mcpctl.cli.create.KubernetesChanges;
import io.mcpctl.cli.create.KubernetesChanges.Change;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.time.GoDuration;
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
  private final String namespace;
  private final DefaultBackends backends;
  private final Optional<SecretBackend> existing;
  private final KubernetesChanges changes;
  private final List<Change> outcomes = new ArrayList<>();
  private final List<String> demoted = new ArrayList<>();

  BackendPublisher(
      WizardSettings settings,
      NarrowAccess access,
      String namespace,
      DefaultBackends backends,
      Optional<SecretBackend> existing,
      KubernetesChanges changes) {
    this.settings = settings;
    this.access = access;
    this.namespace = namespace;
    this.backends = backends;
    this.existing = existing;
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
    if (first.minted()) {
      report.add(
          apply(
              "Secret " + settings.names().tokenSecret(),
              changes.applySecret(
                  BackendObjects.tokenSecret(
                      namespace, settings.names(), first.token(), first.accessor()))));
    } else {
      report.add("Secret " + settings.names().tokenSecret() + " unchanged");
    }
    String name = settings.names().backend();
    report.add(
        apply(
            "SecretBackend " + name,
            changes.applyBackend(BackendObjects.backend(namespace, name, desiredSpec()))));
    if (settings.promoteDefault()) {
      demoted.addAll(backends.demoteAllBut(name, changes));
      demoted.forEach(other -> report.add("SecretBackend " + other + " no longer default"));
    }
    return String.join(", ", report);
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
    return BackendObjects.openBaoSpec(
        settings.names(),
        new OpenBaoTarget(
            settings.address(),
            access.mount(),
            access.pathPrefix(),
            settings.caPem().isPresent(),
            settings.connection().insecureSkipVerify()),
        Optional.of(
            new Rotation(
                access.roleName(),
                GoDuration.format(settings.rotationInterval()),
                GoDuration.format(settings.rotationJitter()),
                GoDuration.format(settings.revokeGracePeriod()))),
        isDefault);
  }

  private String apply(String what, Change change) {
    outcomes.add(change);
    return what + " " + change.word();
  }
}
