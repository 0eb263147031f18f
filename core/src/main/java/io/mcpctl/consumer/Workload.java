package io.mcpctl.consumer;

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

  public static Workload none() {
    return new Workload("", "");
  }

  /** Whether a rolling restart ({@code kubectl rollout restart}) can replace its pods. */
  public boolean restartable() {
    return kind.equals(DEPLOYMENT) || kind.equals(STATEFUL_SET) || kind.equals(DAEMON_SET);
  }

  @Override
  public String toString() {
    return kind.isEmpty() ? "none (bare pod)" : kind + "/" + name;
  }
}
