package io.mcpctl.operator.rotation;

import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.policy.KvAccessCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a health check that looking the token up cannot show: whether the token may still
 * read and write its namespace's KV folder, and whether its policy reaches other namespaces'. One
 * {@code sys/capabilities-self} request, no write.
 */
final class KvAccessProbe {

  private static final Logger LOG = LoggerFactory.getLogger(KvAccessProbe.class);

  private KvAccessProbe() {}

  static void probe(OpenBaoClient current, BackendTarget target, ReconcileReport report) {
    KvAccessCheck check =
        new KvAccessCheck(
            target.kvMount(), target.kvPathPrefix(), target.namespace(), target.name());
    try {
      report.kvAccessChecked(check.judge(current.capabilitiesSelf(check.paths())));
    } catch (OpenBaoException unanswered) {
      // The default policy grants sys/capabilities-self unless someone edited it; without an
      // answer nothing is known, so the last known verdict stands.
      LOG.debug(
          "The capabilities of {}'s token could not be asked: {}",
          target.key(),
          unanswered.getMessage());
    }
  }
}
