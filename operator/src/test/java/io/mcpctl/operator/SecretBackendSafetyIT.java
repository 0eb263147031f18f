package io.mcpctl.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.operator.testing.KubernetesFixture;
import io.mcpctl.operator.testing.OpenBaoFixture;
import io.mcpctl.operator.testing.RunningOperator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks of the security review against a whole operator: whoever may edit a SecretBackend or
 * a Secret in a namespace tries to make the operator read, send, revoke or delete what is not
 * theirs, or to leave a backend without a status.
 */
class SecretBackendSafetyIT {

  private static KubernetesFixture kubernetes;
  private static OpenBaoFixture bao;
  private static RunningOperator operator;
  private static HttpServer attacker;
  private static final List<String> STOLEN = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    kubernetes = new KubernetesFixture();
    bao = new OpenBaoFixture(Clock.systemUTC());
    // Health checks every few seconds, so that what only a check finds shows within a test.
    operator =
        RunningOperator.start(kubernetes, "--leader-election=false", "--health-check-interval=3s");
    attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    attacker.createContext(
        "/",
        exchange -> {
          STOLEN.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " token="
                  + exchange.getRequestHeaders().getFirst("X-Vault-Token"));
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    attacker.start();
  }

  @AfterAll
  static void stop() {
    attacker.stop(0);
    operator.close();
    bao.close();
    kubernetes.close();
  }

  @Test
  void aBackendNamingAnApplicationsSecretGetsNothingOutOfIt() {
    String namespace = "deputy";
    kubernetes.createNamespace(namespace);
    kubernetes
        .client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withStringData(Map.of("password", "hunter2-database-password"))
                .build())
        .create();
    SecretBackend thief =
        KubernetesFixture.openbaoBackend(
            namespace, "thief", attackerAddress(), OpenBaoFixture.MOUNT, "mcpctl");
    thief.getSpec().getOpenbao().getAuth().setTokenSecretRef(new SecretKeyRef("db", "password"));
    kubernetes.create(thief);

    Condition ready = awaitReady(namespace, "thief", "False");

    assertThat(ready.getReason()).isEqualTo(ReadyReasons.SECRET_NOT_BOUND);
    assertThat(ready.getMessage())
        .contains("Secret deputy/db has type Opaque, not mcpctl.io/openbao-token")
        .contains("kubectl mcpctl create secretbackend thief --type openbao --wizard -n deputy")
        .doesNotContain("hunter2");
    assertThat(STOLEN).as("requests that reached the attacker's listener").isEmpty();

    kubernetes.client().resource(kubernetes.get(namespace, "thief")).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> kubernetes.get(namespace, "thief") == null);
    assertThat(kubernetes.secret(namespace, "db")).as("never deleted by the operator").isNotNull();
    assertThat(STOLEN).isEmpty();
  }

  @Test
  void aBoundTokenIsNotSentToAnAddressTheBackendWasEditedTo() {
    String namespace = "redirected";
    IssuedToken token = provision(namespace, "bao");
    awaitReady(namespace, "bao", "True");

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bao")
        .edit(
            backend -> {
              backend.getSpec().getOpenbao().setAddress(attackerAddress());
              return backend;
            });

    Condition ready = awaitReady(namespace, "bao", "False");
    assertThat(ready.getReason()).isEqualTo(ReadyReasons.SECRET_NOT_BOUND);
    assertThat(ready.getMessage()).contains("holds a token for OpenBao at " + bao.address());
    assertThat(STOLEN).isEmpty();
    assertThat(bao.isLive(token.clientToken()) || rotatedAway(namespace, "bao")).isTrue();
  }

  @Test
  void aSecondBackendNamingAnotherBackendsTokenSecretNeitherUsesNorDeletesIt() {
    String namespace = "shared";
    provision(namespace, "owner");
    awaitReady(namespace, "owner", "True");
    SecretBackend intruder =
        KubernetesFixture.rotatingBackend(
            namespace,
            "intruder",
            bao.address(),
            OpenBaoFixture.MOUNT,
            bao.access("owner").pathPrefix(),
            bao.access("owner").roleName(),
            "24h");
    intruder
        .getSpec()
        .getOpenbao()
        .getAuth()
        .setTokenSecretRef(new SecretKeyRef("owner-token", "token"));
    kubernetes.create(intruder);

    Condition ready = awaitReady(namespace, "intruder", "False");
    assertThat(ready.getReason()).isEqualTo(ReadyReasons.SECRET_NOT_BOUND);
    assertThat(ready.getMessage()).contains("is bound to SecretBackend owner");

    kubernetes.client().resource(kubernetes.get(namespace, "intruder")).delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kubernetes.get(namespace, "intruder") == null);
    Secret ownersSecret = kubernetes.secret(namespace, "owner-token");
    assertThat(ownersSecret).as("the owner's Secret survives the intruder's deletion").isNotNull();
    assertThat(events(namespace)).contains("TokensNotRevoked");
    assertThat(ready(kubernetes.get(namespace, "owner")).getStatus()).isEqualTo("True");
  }

  @Test
  void aSecretTheApiServerCannotDecodeEndsInAWrittenStatusNotInGivingUp() {
    String namespace = "garbled";
    kubernetes.createNamespace(namespace);
    kubernetes
        .client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bao-token")
                .endMetadata()
                .withData(Map.of("token", "%%% not base64 s.leakme %%%"))
                .build())
        .create();
    kubernetes.create(
        KubernetesFixture.openbaoBackend(
            namespace, "bao", bao.address(), OpenBaoFixture.MOUNT, "mcpctl"));

    Condition ready = awaitReady(namespace, "bao", "False");

    assertThat(ready.getReason()).isEqualTo(ReadyReasons.RECONCILE_ERROR);
    assertThat(ready.getMessage()).contains("retries in").doesNotContain("leakme");
  }

  @Test
  void aDeletedBackendWithAnInvalidSpecIsGoneAtOnceAndSaysItsTokensLive() {
    String namespace = "broken";
    provision(namespace, "bao");
    awaitReady(namespace, "bao", "True");
    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bao")
        .edit(
            backend -> {
              backend.getSpec().getOpenbao().getAuth().getRotation().setJitter("23h");
              return backend;
            });
    awaitReady(namespace, "bao", "False");

    kubernetes.client().resource(kubernetes.get(namespace, "bao")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.get(namespace, "bao") == null);
    assertThat(events(namespace)).contains("TokensNotRevoked");
  }

  @Test
  void aBackendWhoseTokenSecretWentFirstIsDeletedAtOnceAndSaysItsTokensLive() {
    String namespace = "secretless";
    provision(namespace, "bao");
    awaitReady(namespace, "bao", "True");
    kubernetes.client().secrets().inNamespace(namespace).withName("bao-token").delete();

    kubernetes.client().resource(kubernetes.get(namespace, "bao")).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> kubernetes.get(namespace, "bao") == null);
    assertThat(events(namespace)).contains("TokensNotRevoked");
  }

  @Test
  void aFixedSpecIsRetriedAtOnceNotAfterTheFailuresBackoff() {
    String namespace = "fixed";
    IssuedToken first = bao.provision(namespace, "bao");
    kubernetes.createNamespace(namespace);
    kubernetes.createTokenSecret(namespace, "bao", bao.address(), first);
    NarrowAccess access = bao.access("bao");
    kubernetes.create(
        KubernetesFixture.rotatingBackend(
            namespace,
            "bao",
            bao.address(),
            OpenBaoFixture.MOUNT,
            access.pathPrefix(),
            "no-such-role",
            "24h"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              SecretBackend failing = kubernetes.get(namespace, "bao");
              assertThat(failing.getStatus()).isNotNull();
              assertThat(failing.getStatus().getTokenMeta().getLastRotationError())
                  .contains("no-such-role");
            });

    kubernetes
        .client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName("bao")
        .edit(
            backend -> {
              backend
                  .getSpec()
                  .getOpenbao()
                  .getAuth()
                  .getRotation()
                  .setTokenRole(access.roleName());
              return backend;
            });

    // The failed rotation's back-off is at least 30s; the fix is acted on well before.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              SecretBackend fixed = kubernetes.get(namespace, "bao");
              assertThat(fixed.getStatus().getTokenMeta().getLastRotationError()).isNull();
              assertThat(fixed.getStatus().getTokenMeta().getLastRotationAt()).isNotNull();
              assertThat(fixed.getStatus().getObservedGeneration())
                  .isEqualTo(fixed.getMetadata().getGeneration());
            });
  }

  @Test
  void ofTwoDefaultBackendsOnlyTheOldestIsReady() {
    String namespace = "defaults";
    kubernetes.createNamespace(namespace);
    kubernetes.create(kubernetesBackend(namespace, "first", true));
    awaitReady(namespace, "first", "True");
    kubernetes.create(kubernetesBackend(namespace, "second", true));

    Condition second = awaitReady(namespace, "second", "False");
    assertThat(second.getReason()).isEqualTo(ReadyReasons.DUPLICATE_DEFAULT);
    assertThat(second.getMessage()).contains("first is older and stays the default");
    assertThat(ready(kubernetes.get(namespace, "first")).getStatus()).isEqualTo("True");

    kubernetes.client().resource(kubernetes.get(namespace, "first")).delete();
    awaitReady(namespace, "second", "True");
  }

  @Test
  void aPolicyReachingOtherNamespacesIsFlaggedOnceAndClearedWhenNarrowed() {
    String namespace = "legacy";
    provision(namespace, "bao");
    NarrowAccess access = bao.access("bao");
    String broad =
        "path \""
            + access.mount()
            + "/data/"
            + access.pathPrefix()
            + "/*\" { capabilities = [\"create\", \"read\", \"update\", \"delete\"] }\n"
            + "path \"auth/token/create/"
            + access.roleName()
            + "\" { capabilities = [\"update\"] }\n";
    bao.admin().writePolicy(access.policyName(), broad);
    awaitReady(namespace, "bao", "True");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              SecretBackend backend = kubernetes.get(namespace, "bao");
              assertThat(condition(backend, ReadyReasons.POLICY_TOO_BROAD_CONDITION))
                  .hasValueSatisfying(
                      tooBroad ->
                          assertThat(tooBroad.getMessage())
                              .contains("reaches other namespaces' secrets"));
              assertThat(backend.getStatus().getTokenMeta().getHealth())
                  .isEqualTo(TokenHealth.WARNING);
            });
    assertThat(events(namespace).stream().filter("PolicyTooBroad"::equals)).hasSize(1);
  }

  @Test
  void aTokenWhosePolicyWasRewrittenForAnotherNamespaceIsNotHealthy() {
    String namespace = "rewritten";
    provision(namespace, "bao");
    awaitReady(namespace, "bao", "True");
    NarrowAccess access = bao.access("bao");
    // What the wizard for the same backend name in another namespace used to do to this policy.
    NarrowAccess otherNamespace =
        NarrowAccess.forBackend("team-b", "bao", access.mount(), access.pathPrefix())
            .withPolicyName(access.policyName())
            .withRoleName(access.roleName());
    bao.admin().writePolicy(access.policyName(), NarrowPolicy.hcl(otherNamespace));

    Condition ready = awaitReady(namespace, "bao", "False");

    assertThat(ready.getReason()).isEqualTo(ReadyReasons.KV_ACCESS_DENIED);
    assertThat(ready.getMessage())
        .contains("may no longer read or create or update secrets in secret/data/")
        .contains("kubectl mcpctl create secretbackend bao --type openbao --wizard -n rewritten");
    assertThat(kubernetes.get(namespace, "bao").getStatus().getTokenMeta().getHealth())
        .isEqualTo(TokenHealth.ERROR);
  }

  private static String attackerAddress() {
    return "http://127.0.0.1:" + attacker.getAddress().getPort();
  }

  private static boolean rotatedAway(String namespace, String name) {
    return kubernetes.get(namespace, name).getStatus().getTokenMeta().getLastRotationAt() != null;
  }

  private static IssuedToken provision(String namespace, String name) {
    IssuedToken first = bao.provision(namespace, name);
    kubernetes.createNamespace(namespace);
    kubernetes.createTokenSecret(namespace, name, bao.address(), first);
    kubernetes.create(
        KubernetesFixture.rotatingBackend(
            namespace,
            name,
            bao.address(),
            OpenBaoFixture.MOUNT,
            bao.access(name).pathPrefix(),
            bao.access(name).roleName(),
            "24h"));
    return first;
  }

  private static SecretBackend kubernetesBackend(String namespace, String name, boolean isDefault) {
    SecretBackend backend = new SecretBackend();
    backend.getMetadata().setNamespace(namespace);
    backend.getMetadata().setName(name);
    io.mcpctl.api.v1alpha1.SecretBackendSpec spec = new io.mcpctl.api.v1alpha1.SecretBackendSpec();
    spec.setType("kubernetes");
    spec.setDefault(isDefault);
    backend.setSpec(spec);
    return backend;
  }

  private static Condition awaitReady(String namespace, String name, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(ready(kubernetes.get(namespace, name)).getStatus()).isEqualTo(status));
    return ready(kubernetes.get(namespace, name));
  }

  private static List<String> events(String namespace) {
    return kubernetes.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  private static Optional<Condition> condition(SecretBackend backend, String type) {
    return backend.getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals(type))
        .findFirst();
  }

  private static Condition ready(SecretBackend backend) {
    assertThat(backend).as("the backend").isNotNull();
    assertThat(backend.getStatus()).as("its status").isNotNull();
    return condition(backend, ReadyReasons.CONDITION_TYPE).orElseThrow();
  }
}
