package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.openbao.IssuedToken;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What OpenBao 2.5.4 removed (GHSA-v8v8-cm84-m686: the legacy lease endpoints {@code sys/renew},
 * {@code sys/revoke}, {@code sys/revoke-prefix} and {@code sys/revoke-force}, and {@code sys/renew}
 * from the default policy) stays gone; the client uses none of them, and the stand-in answers them
 * as OpenBao does: 404 {@code unsupported path} for root, 403 for a token whose policies do not
 * name the path (ACL runs first).
 */
@ExtendWith(BaoTargetExtension.class)
class RemovedEndpointsConformanceIT {

  private static final List<String> REMOVED =
      List.of("sys/renew", "sys/revoke", "sys/revoke-prefix/auth/token", "sys/revoke-force/x");

  @Test
  void theLegacyLeaseEndpointsAnswerRootWithUnsupportedPath(BaoTarget bao) {
    for (String path : REMOVED) {
      assertThat(bao.sendWithAdmin("POST", path, "{}")).as(path).isEqualTo(404);
    }
  }

  @Test
  void theDefaultPolicyNoLongerGrantsSysRenew(BaoTarget bao) {
    IssuedToken plain = bao.tokenWithPolicies(Duration.ofHours(1), "default");

    assertThat(bao.send(plain.clientToken(), "POST", "sys/renew", "{}", "")).isEqualTo(403);
  }
}
