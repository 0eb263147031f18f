package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.policy.RotatorRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token mount's lease limits ({@code sdk/framework/lease.go} {@code CalculateTTL} with the
 * mount's system view): a tuned {@code auth/token} mount caps the rotation role's 720h period with
 * a warning instead of refusing it. Run in a fresh namespace, whose token mount is its own, so a
 * shared real server's root token mount is never tuned.
 */
@ExtendWith(BaoTargetExtension.class)
class TokenTtlLimitsConformanceIT {

  @Test
  void aTunedTokenMountCapsThePeriodWithAWarning(BaoTarget bao) {
    String namespace = bao.freshNamespace("");
    assertThat(
            bao.sendWithAdmin(
                "POST",
                "sys/mounts/auth/token/tune",
                "{\"default_lease_ttl\": \"30m\", \"max_lease_ttl\": \"1h\"}",
                namespace))
        .isEqualTo(204);
    JsonNode tuned = bao.readWithAdmin("sys/mounts/auth/token/tune", namespace).path("data");
    assertThat(tuned.path("max_lease_ttl").asLong()).isEqualTo(3600);
    assertThat(tuned.path("default_lease_ttl").asLong()).isEqualTo(1800);
    OpenBaoClient admin = bao.adminIn(namespace);
    admin.writeTokenRole(
        new TokenRole(
            "conf-periodic",
            List.of("default"),
            List.of(),
            true,
            true,
            RotatorRole.TOKEN_PERIOD,
            Duration.ZERO,
            "service",
            "",
            false,
            0));

    IssuedToken periodic = admin.createToken("conf-periodic");
    assertThat(periodic.leaseDuration()).isEqualTo(Duration.ofHours(1));
    assertThat(periodic.warnings())
        .contains(
            "period of \"720h\" exceeded the effective max_ttl of \"1h\"; period value is capped"
                + " accordingly");
    assertThat(bao.in(namespace, periodic.clientToken()).renewSelf().leaseDuration())
        .isEqualTo(Duration.ofHours(1));
    IssuedToken plain =
        admin.createToken(TokenCreateRequest.builder().policies(List.of("default")).build());
    assertThat(plain.leaseDuration()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void anUntunedTokenMountGrantsTheFullPeriod(BaoTarget bao) {
    JsonNode tune = bao.readWithAdmin("sys/mounts/auth/token/tune").path("data");
    assertThat(tune.path("max_lease_ttl").asLong()).isEqualTo(Duration.ofHours(768).toSeconds());
  }
}
