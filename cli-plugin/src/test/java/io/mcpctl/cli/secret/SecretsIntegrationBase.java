package io.mcpctl.cli.secret;

import io.mcpctl.cli.KubeFixture;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lifecycle the secret and migration ITs share: one embedded API per test class (it is the slow
 * part to start), and per test a fresh OpenBao stand-in and namespace so no test sees another's
 * backends, Secrets or KV entries.
 */
public abstract class SecretsIntegrationBase {

  protected static KubeFixture kube;
  protected OpenBaoStandIn bao;
  protected SecretsFixture fixture;

  @BeforeAll
  static void startKubernetes() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stopKubernetes() {
    kube.close();
  }

  @BeforeEach
  void startOpenBao() {
    bao = OpenBaoStandIn.start(StandInOptions.defaults());
    fixture = new SecretsFixture(kube, bao);
  }

  @AfterEach
  void stopOpenBao() {
    bao.close();
  }
}
