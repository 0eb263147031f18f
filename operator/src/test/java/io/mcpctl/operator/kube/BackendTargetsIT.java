package io.mcpctl.operator.kube;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TlsSpec;
import io.mcpctl.openbao.RequestObserver;
import io.mcpctl.operator.rotation.AllowedOpenBaoAddresses;
import io.mcpctl.operator.rotation.BackendTarget;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.spec.SpecValidator;
import io.mcpctl.spec.ValidatedSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which backends may share an OpenBao client: only those that trust exactly the same. */
class BackendTargetsIT {

  private static final String ADDRESS = "https://bao.example:8200";
  private static KubernetesFixture kube;

  @BeforeAll
  static void start() {
    kube = new KubernetesFixture();
    kube.createNamespace("tenant");
    kube.createNamespace("victim");
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void bundlesWhoseTextsHashAlikeStillGetTheirOwnClients() {
    String certificate = kube.api().serverCertificatePem();
    // "Aa" and "BB" have the same String.hashCode, and so do any two texts that end in them.
    String victims = certificate + "\nAa";
    String tenants = certificate + "\nBB";
    assertThat(tenants.hashCode()).isEqualTo(victims.hashCode());
    BackendTargets targets = targets(AllowedOpenBaoAddresses.any());

    BackendTarget tenant = targets.of(trustingCaIn("tenant", tenants), validated("tenant"));
    BackendTarget victim = targets.of(trustingCaIn("victim", victims), validated("victim"));
    BackendTarget victimAgain = targets.of(trustingCaIn("victim", victims), validated("victim"));

    assertThat(victim.openbao()).isNotSameAs(tenant.openbao());
    assertThat(victimAgain.openbao())
        .as("one trust and one connection still share a client")
        .isSameAs(victim.openbao());
  }

  @Test
  void aNamespaceNamingManyBundlesLosesItsOwnClientsNotAnotherNamespaces() {
    String certificate = kube.api().serverCertificatePem();
    BackendTargets targets = targets(AllowedOpenBaoAddresses.any());
    BackendTarget victim =
        targets.of(trustingCaIn("victim", certificate + "\nvictim"), validated("victim"));
    BackendTarget tenantsFirst =
        targets.of(trustingCaIn("tenant", certificate + "\n0"), validated("tenant"));

    for (int i = 1; i <= BackendTargets.MAX_CLIENTS; i++) {
      targets.of(trustingCaIn("tenant", certificate + "\n" + i), validated("tenant"));
    }

    assertThat(
            targets
                .of(trustingCaIn("victim", certificate + "\nvictim"), validated("victim"))
                .openbao())
        .as("more clients than the cache holds, all of one namespace: the other keeps its own")
        .isSameAs(victim.openbao());
    assertThat(
            targets.of(trustingCaIn("tenant", certificate + "\n0"), validated("tenant")).openbao())
        .as("the namespace past its share lost its least recently used")
        .isNotSameAs(tenantsFirst.openbao());
  }

  @Test
  void noTargetIsMadeForAnAddressTheOperatorMayNotReach() {
    BackendTargets targets = targets(AllowedOpenBaoAddresses.parse("https://vault.example:8200"));
    SecretBackend backend = trustingCaIn("tenant", kube.api().serverCertificatePem());

    assertThatThrownBy(() -> targets.of(backend, validated("tenant")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "spec.openbao.address https://bao.example:8200 is not an OpenBao server this operator"
                + " may reach (its allowedOpenBaoAddresses: https://vault.example:8200); point the"
                + " backend at one of those, or ask the operator's administrators to add it.");
  }

  @Test
  void aCaBundleLongerThanAnyTrustStoreIsRefusedInOneSentence() {
    BackendTargets targets = targets(AllowedOpenBaoAddresses.any());
    String certificate = kube.api().serverCertificatePem();
    String huge =
        (certificate + "\n").repeat(BackendTargets.MAX_CA_BUNDLE_CHARS / certificate.length() + 1);

    assertThatThrownBy(() -> targets.of(trustingCaIn("tenant", huge), validated("tenant")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The CA Secret tenant/bao-ca holds ")
        .hasMessageEndingWith(
            " KiB under key 'ca.crt', more than the 512 KiB allowed; put only the certificates"
                + " that sign the OpenBao certificate in it.");
  }

  private static BackendTargets targets(AllowedOpenBaoAddresses addresses) {
    return new BackendTargets(
        kube.client(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        RequestObserver.NONE,
        addresses);
  }

  private static SecretBackend backend(String namespace) {
    SecretBackend backend =
        KubernetesFixture.openbaoBackend(namespace, "bao", ADDRESS, "secret", "mcpctl");
    TlsSpec tls = new TlsSpec();
    tls.setCaSecretRef(new SecretKeyRef("bao-ca", "ca.crt"));
    backend.getSpec().getOpenbao().setTls(tls);
    return backend;
  }

  private static SecretBackend trustingCaIn(String namespace, String pem) {
    kube.client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bao-ca")
                .endMetadata()
                .withData(Map.of("ca.crt", Base64.getEncoder().encodeToString(pem.getBytes(UTF_8))))
                .build())
        .createOr(existing -> existing.update());
    return backend(namespace);
  }

  private static ValidatedSpec validated(String namespace) {
    return SpecValidator.validate(backend(namespace).getSpec()).spec().orElseThrow();
  }
}
