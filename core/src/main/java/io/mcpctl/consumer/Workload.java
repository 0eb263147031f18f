package io.mcpctl.consumer;

import java.util.Set;

/**
 * What runs a consumer pod: a Deployment (found through its ReplicaSet), StatefulSet, DaemonSet,
 * Job, another owner, or nothing (a bare pod).
 *
 * @param kind the owner's kind, or empty for a bare pod
 */
public record Workload(String kind, String name) {

  public static final String DEPLOYMENT = "Deployment";
  public static final String STATEFUL_SET = "StatefulSet";
  public static final String DAEMON_SET = "DaemonSet";
  public static final String REPLICA_SET = "ReplicaSet";

  /** The kinds a rolling restart ({@code kubectl rollout restart}) can replace the pods of. */
  public static final Set<String> RESTARTABLE_KINDS = Set.of(DEPLOYMENT, STATEFUL_SET, DAEMON_SET);

  /** Not a kind the API has: no kind has a space. */
  static final String UNRECOGNIZED = "unrecognized owner";

  public static Workload none() {
    return new Workload("", "");
  }

  /**
   * An owner named in a way no real workload is: a name the API server would refuse for an object,
   * or a workload kind outside group apps. Never restarted, and never quoted.
   */
  public static Workload unrecognized() {
    return new Workload(UNRECOGNIZED, "");
  }

  /** Whether a rolling restart ({@code kubectl rollout restart}) can replace its pods. */
  public boolean restartable() {
    return RESTARTABLE_KINDS.contains(kind);
  }

  @Override
  public String toString() {
    if (kind.isEmpty()) {
      return "none (bare pod)";
    }
    return kind.equals(UNRECOGNIZED) ? kind : kind + "/" + name;
  }
}
