package io.mcpctl.cli.check;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.cli.common.RelativeTime;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether an operator is active: its leader-election Lease is held and was renewed within the
 * lease's duration. A stopped operator releases the Lease; a killed or cut-off one stops renewing
 * it. The Lease is where the chart puts it unless the user says otherwise, else found by name in
 * any namespace the user may list.
 */
final class OperatorCheck {

  static final String SUBJECT = "operator";

  /** The chart's release namespace and Lease name in the README's install command. */
  static final String DEFAULT_NAMESPACE = "mcpctl-system";

  static final String DEFAULT_LEASE = "mcpctl-operator-leader";

  private static final int RELEASED_DURATION_SECONDS = 1;

  private final KubernetesClient client;
  private final Instant now;

  OperatorCheck(KubernetesClient client, Instant now) {
    this.client = client;
    this.now = now;
  }

  /**
   * @param namespace the Lease's namespace when the user named it
   * @param name the Lease's name when the user named it
   */
  List<CheckResult> run(Optional<String> namespace, Optional<String> name) {
    String leaseNamespace = namespace.orElse(DEFAULT_NAMESPACE);
    String leaseName = name.orElse(DEFAULT_LEASE);
    Lease named = get(leaseNamespace, leaseName);
    if (named != null) {
      return List.of(judge(named));
    }
    if (namespace.isPresent() && name.isPresent()) {
      return List.of(notFound(leaseNamespace + "/" + leaseName));
    }
    List<Lease> found;
    try {
      found =
          (namespace.isPresent()
                  ? client.leases().inNamespace(leaseNamespace)
                  : client.leases().inAnyNamespace())
              .list().getItems().stream().filter(lease -> matches(lease, name)).toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return List.of(notFound(leaseNamespace + "/" + leaseName));
    }
    if (found.isEmpty()) {
      return List.of(notFound(leaseNamespace + "/" + leaseName));
    }
    return found.stream()
        .map(
            lease ->
                namespace.isPresent()
                        || DEFAULT_NAMESPACE.equals(lease.getMetadata().getNamespace())
                    ? judge(lease)
                    : unnamed(lease))
        .toList();
  }

  /**
   * A Lease found by its name in a namespace nobody named: whoever may create Leases there could
   * have written it, so it speaks for the operator only when the user names its namespace.
   */
  private static CheckResult unnamed(Lease lease) {
    String namespace = lease.getMetadata().getNamespace();
    return CheckResult.problem(
        SUBJECT,
        "Lease "
            + namespace
            + "/"
            + lease.getMetadata().getName()
            + " is named like the operator's but lies outside "
            + DEFAULT_NAMESPACE
            + ", where anyone who may create Leases in "
            + namespace
            + " could have written it; if the operator runs there, pass --operator-namespace "
            + namespace
            + ".");
  }

  /** How far ahead of this machine's clock a Lease's renewal may lie before it is a problem. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private Lease get(String namespace, String name) {
    try {
      return client.leases().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        return null;
      }
      throw e;
    }
  }

  /**
   * A leader that stops gives its Lease up by shortening it to one second (client-go and fabric8
   * alike), so that another replica need not wait out the full duration; no leader renews with so
   * short a lease.
   */
  private static boolean isReleased(Lease lease) {
    return lease.getSpec() != null
        && lease.getSpec().getLeaseDurationSeconds() != null
        && lease.getSpec().getLeaseDurationSeconds() <= RELEASED_DURATION_SECONDS;
  }

  /** The chart names its Lease {@code <fullname>-leader}, and its fullname holds the chart's. */
  private static boolean matches(Lease lease, Optional<String> name) {
    String leaseName = lease.getMetadata().getName();
    return name.map(leaseName::equals)
        .orElse(leaseName.contains("mcpctl-operator") && leaseName.endsWith("-leader"));
  }

  private static CheckResult notFound(String looked) {
    return CheckResult.problem(
        SUBJECT,
        "No operator Lease was found (looked for "
            + looked
            + " and any *mcpctl-operator*-leader Lease you may list); install the operator's"
            + " chart, or name its Lease with --operator-namespace and --operator-lease.");
  }

  private CheckResult judge(Lease lease) {
    String where = lease.getMetadata().getNamespace() + "/" + lease.getMetadata().getName();
    String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    String inspect =
        "check its pods and logs with 'kubectl -n "
            + lease.getMetadata().getNamespace()
            + " get pods' and 'kubectl -n "
            + lease.getMetadata().getNamespace()
            + " logs POD'.";
    if (isReleased(lease)) {
      return CheckResult.problem(
          SUBJECT,
          "Operator "
              + (holder == null || holder.isBlank() ? "" : holder + " ")
              + "released Lease "
              + where
              + " as it stopped, and no replica has taken it since, so no SecretBackend is"
              + " rotated or checked; "
              + inspect);
    }
    if (holder == null || holder.isBlank() || lease.getSpec().getRenewTime() == null) {
      return CheckResult.problem(
          SUBJECT,
          "No operator holds Lease "
              + where
              + ", so no SecretBackend is rotated or checked: the operator is stopped or none of"
              + " its replicas could take the Lease; "
              + inspect);
    }
    Instant renewed = lease.getSpec().getRenewTime().toInstant();
    Duration duration =
        Duration.ofSeconds(
            Optional.ofNullable(lease.getSpec().getLeaseDurationSeconds()).orElse(15));
    // Clocks of a workstation and a cluster may disagree by a little; a renewal further ahead
    // than the lease and this much was written by hand.
    if (renewed.isAfter(now.plus(duration).plus(CLOCK_SKEW))) {
      return CheckResult.problem(
          SUBJECT,
          "Lease "
              + where
              + "'s renewal time lies in the future ("
              + RelativeTime.relative(renewed, now)
              + "): this machine's clock and the cluster's disagree, or the Lease was written by"
              + " hand; "
              + inspect);
    }
    if (renewed.plus(duration).isBefore(now)) {
      return CheckResult.problem(
          SUBJECT,
          "Operator "
              + holder
              + " last renewed Lease "
              + where
              + " "
              + RelativeTime.relative(renewed, now)
              + ", longer ago than the lease's "
              + duration.toSeconds()
              + "s: it is not running or cannot reach the Kubernetes API; "
              + inspect);
    }
    return CheckResult.ok(
        SUBJECT,
        "Operator "
            + holder
            + " holds Lease "
            + where
            + " (renewed "
            + RelativeTime.relative(renewed, now)
            + ").");
  }
}
