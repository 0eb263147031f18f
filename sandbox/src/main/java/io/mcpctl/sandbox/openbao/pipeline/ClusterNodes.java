package io.mcpctl.sandbox.openbao.pipeline;

import java.time.Duration;

/**
 * The nodes behind the stand-in's one address: the active node and {@code standbys} standbys, which
 * take requests in turn as a load balancer would hand them out. Since OpenBao 2.5 a standby on raft
 * storage runs requests itself on state that trails the active node's (eventual consistency) and
 * forwards a request to the active node once it comes to write, or when its token cannot be
 * validated there yet (http/logical.go, handleLogicalInternal; vault/request_handling.go,
 * CheckToken; vault/ha.go, StandbyReadsEnabled).
 */
final class ClusterNodes {

  /** One node: the active node has no lag. */
  record Node(boolean standby, Duration replicationLag) {}

  private static final Node ACTIVE = new Node(false, Duration.ZERO);

  private final int standbys;
  private final Node standby;
  private int turn;

  ClusterNodes(int standbys, Duration replicationLag) {
    if (standbys < 0) {
      throw new IllegalArgumentException("The number of standbys cannot be negative.");
    }
    if (replicationLag.isNegative()) {
      throw new IllegalArgumentException("The replication lag cannot be negative.");
    }
    this.standbys = standbys;
    this.standby = new Node(true, replicationLag);
  }

  /** A single active node, as OpenBao runs without HA. */
  static ClusterNodes single() {
    return new ClusterNodes(0, Duration.ZERO);
  }

  /** The node that takes the next request. */
  Node next() {
    int node = turn;
    turn = (turn + 1) % (standbys + 1);
    return node == 0 ? ACTIVE : standby;
  }
}
