package io.mcpctl.cli.create;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create secretbackend without the wizard: a kubernetes store, or a static OpenBao token. */
class CreateSecretBackendIT {

  private static final String STATIC_TOKEN = "s.StaticTokenGivenByAnAdmin01";

  private static KubeFixture kube;
  private static Path inputs;
  private KubernetesClient client;
  private String namespace;

  @BeforeAll
  static void start() throws IOException {
    kube = KubeFixture.start();
    inputs = Files.createTempDirectory("create-inputs-");
  }

  @AfterAll
  static void stop() throws IOException {
    kube.close();
    try (var files = Files.walk(inputs)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @BeforeEach
  void newNamespace() {
    client = kube.client();
    namespace = kube.newNamespace("create");
  }

  @Test
  void aKubernetesBackendIsCreatedAndMadeDefaultOnlyWhenAsked() {
    CliHarness.Result plain = run("create", "secretbackend", "plain", "--type", "kubernetes");
    CliHarness.Result promoted =
        run("create", "secretbackend", "main", "--type", "kubernetes", "--default");

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.stdout())
        .isEqualTo("secretbackend/plain created in namespace " + namespace + "\n");
    assertThat(backend("plain").getSpec().getType()).isEqualTo("kubernetes");
    assertThat(backend("plain").getSpec().isDefaultBackend()).isFalse();
    assertThat(promoted.stdout()).contains("secretbackend/main is the namespace's default\n");
    assertThat(backend("main").getSpec().isDefaultBackend()).isTrue();
  }

  @Test
  void aBackendCannotBeNamedLikeTheBuiltInStore() {
    CliHarness.Result refused =
        run("create", "secretbackend", "default", "--type", "openbao", "--wizard");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr())
        .startsWith(
            "error: Invalid NAME 'default': it names the built-in kubernetes store; pick another"
                + " name");
    assertThat(client.resources(SecretBackend.class).inNamespace(namespace).list().getItems())
        .isEmpty();
  }

  @Test
  void promotingAnotherBackendDemotesTheCurrentDefault() {
    run("create", "secretbackend", "first", "--type", "kubernetes", "--default");

    CliHarness.Result second =
        run("create", "secretbackend", "second", "--type", "kubernetes", "--default");

    assertThat(second.stdout())
        .contains("secretbackend/second is the namespace's default (was: first)");
    assertThat(backend("first").getSpec().isDefaultBackend()).isFalse();
    assertThat(backend("second").getSpec().isDefaultBackend()).isTrue();
  }

  @Test
  void aStaticOpenBaoTokenGoesOnlyIntoItsSecretAndRotationIsOff() throws IOException {
    Path tokenFile = Files.writeString(inputs.resolve("token-" + namespace), STATIC_TOKEN + "\n");

    CliHarness.Result result =
        run(
            "create",
            "secretbackend",
            "bao",
            "--type",
            "openbao",
            "--url",
            "https://bao.example.com:8200",
            "--token-file",
            tokenFile.toString(),
            "--mount",
            "kv",
            "--path-prefix",
            "team-a");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "secretbackend/bao created in namespace " + namespace + "\nsecret/bao-token created\n");
    SecretBackend backend = backend("bao");
    assertThat(backend.getSpec().getOpenbao().getAuth().isRotationEnabled()).isFalse();
    assertThat(backend.getSpec().getOpenbao().getKv().getMount()).isEqualTo("kv");
    assertThat(backend.getSpec().getOpenbao().getKv().getPathPrefix()).isEqualTo("team-a");
    Secret secret = client.secrets().inNamespace(namespace).withName("bao-token").get();
    assertThat(BackendObjects.decoded(secret, "token")).contains(STATIC_TOKEN);
    assertThat(BackendObjects.isManaged(secret)).isTrue();
    assertThat(secret.getType()).isEqualTo(TokenSecretBinding.TYPE);
    assertThat(secret.getMetadata().getAnnotations())
        .as("bound to the backend, its address and the system trust store; no rotation consent")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                TokenSecretBinding.BACKEND_ANNOTATION,
                "bao",
                TokenSecretBinding.ADDRESS_ANNOTATION,
                "https://bao.example.com:8200",
                TokenSecretBinding.TLS_ANNOTATION,
                TokenSecretBinding.TLS_SYSTEM));
    LeakCheck leaks = LeakCheck.of(STATIC_TOKEN);
    leaks.assertNotIn(result);
    leaks.assertNotInPluginLog();
    assertThat(Serialization.asJson(backend)).doesNotContain(STATIC_TOKEN);
  }

  @Test
  void aCaFileBecomesTheBackendsCaSecretAndSkippingVerificationIsWarnedAbout() throws IOException {
    Path tokenFile = Files.writeString(inputs.resolve("token-ca-" + namespace), STATIC_TOKEN);
    Path caFile =
        Files.writeString(
            inputs.resolve("ca-" + namespace),
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    CliHarness.Result withCa =
        run(
            "create",
            "secretbackend",
            "bao",
            "--type",
            "openbao",
            "--url",
            "https://bao:8200",
            "--token-file",
            tokenFile.toString(),
            "--ca-file",
            caFile.toString());
    CliHarness.Result insecure =
        run(
            "create",
            "secretbackend",
            "lab",
            "--type",
            "openbao",
            "--url",
            "https://lab:8200",
            "--token-file",
            tokenFile.toString(),
            "--insecure-skip-tls-verify");

    assertThat(withCa.exitCode()).as(withCa.toString()).isZero();
    assertThat(withCa.stdout()).contains("secret/bao-ca created");
    assertThat(backend("bao").getSpec().getOpenbao().getTls().getCaSecretRef().getName())
        .isEqualTo("bao-ca");
    assertThat(
            BackendObjects.decoded(
                client.secrets().inNamespace(namespace).withName("bao-ca").get(), "ca.crt"))
        .contains(Files.readString(caFile));
    assertThat(insecure.exitCode()).as(insecure.toString()).isZero();
    assertThat(insecure.stderr()).startsWith("warning: --insecure-skip-tls-verify: ");
    assertThat(backend("lab").getSpec().getOpenbao().getTls().getInsecureSkipVerify()).isTrue();
  }

  @Test
  void aCaFileWithAPrivateKeyIsRefusedBeforeAnySecretIsStored() throws IOException {
    String keyMaterial = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC";
    Path tokenFile = Files.writeString(inputs.resolve("token-key-" + namespace), STATIC_TOKEN);
    Path combined =
        Files.writeString(
            inputs.resolve("cert-and-key-" + namespace),
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PRIVATE KEY-----\n"
                + keyMaterial
                + "\n-----END PRIVATE KEY-----\n");

    CliHarness.Result result =
        run(
            "create",
            "secretbackend",
            "bao",
            "--type",
            "openbao",
            "--url",
            "https://bao:8200",
            "--token-file",
            tokenFile.toString(),
            "--ca-file",
            combined.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: The file "
                + combined
                + " given to --ca-file holds a private key, which would be stored in a Secret"
                + " with the certificates; pass a file with only the CA certificates.\n");
    assertThat(client.secrets().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.resources(SecretBackend.class).inNamespace(namespace).list().getItems())
        .isEmpty();
    LeakCheck.of(keyMaterial).assertNotIn(result);
  }

  @Test
  void anExistingBackendOrSecretIsNeverOverwritten() throws IOException {
    run("create", "secretbackend", "bao", "--type", "kubernetes");
    Path tokenFile = Files.writeString(inputs.resolve("token2-" + namespace), STATIC_TOKEN);

    CliHarness.Result again = run("create", "secretbackend", "bao", "--type", "kubernetes");
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("other-token")
                .endMetadata()
                .build())
        .create();
    CliHarness.Result clash =
        run(
            "create",
            "secretbackend",
            "other",
            "--type",
            "openbao",
            "--url",
            "http://bao:8200",
            "--token-file",
            tokenFile.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr())
        .isEqualTo(
            "error: SecretBackend bao already exists in namespace "
                + namespace
                + "; delete it first (kubectl delete secretbackend bao -n "
                + namespace
                + ") or choose another name.\n");
    assertThat(clash.exitCode()).isEqualTo(1);
    assertThat(clash.stderr())
        .isEqualTo(
            "error: Secret other-token already exists in namespace "
                + namespace
                + "; delete it first or choose another backend name.\n");
    assertThat(backend("other")).isNull();
  }

  @Test
  void anEmptyTokenFileIsRefused() throws IOException {
    Path tokenFile = Files.writeString(inputs.resolve("empty-" + namespace), "\n");

    CliHarness.Result result =
        run(
            "create",
            "secretbackend",
            "bao",
            "--type",
            "openbao",
            "--url",
            "http://bao:8200",
            "--token-file",
            tokenFile.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .isEqualTo(
            "error: The file "
                + tokenFile
                + " given to --token-file does not hold exactly one token (it is empty, or has"
                + " spaces or several lines); put only the token in it.\n");
    assertThat(backend("bao")).isNull();
  }

  private SecretBackend backend(String name) {
    return client.resources(SecretBackend.class).inNamespace(namespace).withName(name).get();
  }

  private CliHarness.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(kube.flags(namespace)));
    return new CliHarness().run(all.toArray(String[]::new));
  }
}
