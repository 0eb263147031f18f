package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.sandbox.tls.SelfSignedTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectKubeconfigTest {

  private static final String TOKEN_AND_INSECURE =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: c
        cluster:
          server: https://127.0.0.1:6443/
          insecure-skip-tls-verify: true
          extensions: []
      users:
      - name: u
        user: {token: abc}
      contexts:
      - name: one
        context: {cluster: c, user: u, namespace: team}
      - name: two
        context: {cluster: c, user: u}
      current-context: one
      """;

  @TempDir Path directory;

  @Test
  void readsServerTokenNamespaceAndTheInsecureModeOfTheCurrentContext() throws IOException {
    Optional<DirectKubeconfig> read = read(write(TOKEN_AND_INSECURE), null);

    assertThat(read).isPresent();
    assertThat(read.get().server()).isEqualTo("https://127.0.0.1:6443");
    assertThat(read.get().namespace()).isEqualTo("team");
    assertThat(read.get().insecure()).isTrue();
    assertThat(read.get().token()).contains("abc");
    assertThat(read.get().authorities()).isEmpty();
    assertThat(read.get().clientCertificate()).isEmpty();
  }

  @Test
  void readsTheContextAskedFor() throws IOException {
    Optional<DirectKubeconfig> read = read(write(TOKEN_AND_INSECURE), "two");

    assertThat(read).isPresent();
    assertThat(read.get().namespace()).isNull();
  }

  @Test
  void readsTheCaFromDataOrFromAFileNamedRelativeToTheKubeconfig() throws IOException {
    String caPem = SelfSignedTls.generate(Instant.now()).caCertificatePem();
    Files.createDirectories(directory.resolve("certs"));
    Files.writeString(directory.resolve("certs/ca.pem"), caPem);
    String withData =
        TOKEN_AND_INSECURE.replace(
            "insecure-skip-tls-verify: true",
            "certificate-authority-data: "
                + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    String withFile =
        TOKEN_AND_INSECURE.replace(
            "insecure-skip-tls-verify: true", "certificate-authority: certs/ca.pem");

    Optional<DirectKubeconfig> fromData = read(write(withData), null);
    Optional<DirectKubeconfig> fromFile = read(write(withFile), null);

    assertThat(fromData).isPresent();
    assertThat(fromData.get().insecure()).isFalse();
    assertThat(fromData.get().authorities())
        .hasValueSatisfying(list -> assertThat(list).hasSize(1));
    assertThat(fromFile).isPresent();
    assertThat(fromFile.get().authorities()).isEqualTo(fromData.get().authorities());
  }

  @Test
  void readsAClientCertificateAndKeyNamedRelativeToTheKubeconfig() throws IOException {
    String withCertificate =
        TOKEN_AND_INSECURE.replace(
            "user: {token: abc}", "user: {client-certificate: c.pem, client-key: k.pem}");

    Optional<DirectKubeconfig> read = read(write(withCertificate), null);

    assertThat(read).isPresent();
    assertThat(read.get().token()).isEmpty();
    assertThat(read.get().clientCertificate())
        .contains(
            new DirectKubeconfig.ClientCertificate(
                null,
                directory.resolve("c.pem").toString(),
                null,
                directory.resolve("k.pem").toString()));
  }

  @Test
  void aCaWithTheInsecureFlagIsLeftToTheFabric8PathWhichRefusesIt() throws IOException {
    String caPem = SelfSignedTls.generate(Instant.now()).caCertificatePem();
    Files.writeString(directory.resolve("ca.pem"), caPem);
    String withData =
        TOKEN_AND_INSECURE.replace(
            "extensions: []",
            "certificate-authority-data: "
                + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    String withFile = TOKEN_AND_INSECURE.replace("extensions: []", "certificate-authority: ca.pem");

    assertThat(read(write(withData), null)).isEmpty();
    assertThat(read(write(withFile), null)).isEmpty();
  }

  /** Every form whose meaning fabric8 decides (or that is no kubeconfig) is left to fabric8. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "user: {token: abc} | user: {exec: {command: get-token}}",
        "user: {token: abc} | user: {auth-provider: {name: oidc}}",
        "user: {token: abc} | user: {username: a, password: b}",
        "user: {token: abc} | user: {token: abc, as: someone-else}",
        "user: {token: abc} | user: {client-certificate-data: Y2VydA==}",
        "insecure-skip-tls-verify: true | proxy-url: http://proxy:3128",
        "insecure-skip-tls-verify: true | insecure-skip-tls-verify: 'true'",
        "insecure-skip-tls-verify: true | tls-server-name: api.example.com",
        "insecure-skip-tls-verify: true | certificate-authority-data: bm90IGEgY2VydGlmaWNhdGU=",
        "server: https://127.0.0.1:6443/ | server: unix:///var/run/k8s.sock",
        "current-context: one | current-context: three",
        "- name: two | - name: one",
        "namespace: team} | namespace: team, extra: field}",
      })
  void declinesFormsItDoesNotRead(String original, String replacement) throws IOException {
    String kubeconfig = TOKEN_AND_INSECURE.replace(original, replacement);

    assertThat(kubeconfig).isNotEqualTo(TOKEN_AND_INSECURE);
    assertThat(read(write(kubeconfig), null)).as(kubeconfig).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTPS_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "KUBERNETES_MASTER",
        "KUBERNETES_NAMESPACE"
      })
  void declinesWhenTheEnvironmentChangesWhatFabric8WouldRead(String variable) throws IOException {
    Path kubeconfig = write(TOKEN_AND_INSECURE);

    assertThat(DirectKubeconfig.read(kubeconfig, null, Map.of(variable, "x"), new Properties()))
        .isEmpty();
  }

  @Test
  void aPodsOwnKubernetesVariablesChangeNothing() throws IOException {
    Path kubeconfig = write(TOKEN_AND_INSECURE);
    Map<String, String> pod =
        Map.of(
            "KUBERNETES_SERVICE_HOST", "10.0.0.1",
            "KUBERNETES_SERVICE_PORT", "443",
            "KUBERNETES_PORT_443_TCP", "tcp://10.0.0.1:443",
            "HTTPS_PROXY", "");

    assertThat(DirectKubeconfig.read(kubeconfig, null, pod, new Properties())).isPresent();
  }

  @Test
  void declinesWhenASystemPropertyChangesWhatFabric8WouldRead() throws IOException {
    Properties properties = new Properties();
    properties.setProperty("kubernetes.trust.certificates", "true");

    assertThat(DirectKubeconfig.read(write(TOKEN_AND_INSECURE), null, Map.of(), properties))
        .isEmpty();
  }

  @Test
  void withoutTheFlagReadsTheOneFileOfKubeconfigElseTheHomeFolders() throws IOException {
    Path kubeconfig = write(TOKEN_AND_INSECURE);
    Path home = Files.createDirectories(directory.resolve("home/.kube")).getParent();
    Files.writeString(home.resolve(".kube/config"), TOKEN_AND_INSECURE.replace("team", "home"));

    Optional<DirectKubeconfig> named =
        DirectKubeconfig.read(
            null, null, Map.of("KUBECONFIG", kubeconfig.toString()), new Properties());
    Optional<DirectKubeconfig> merged =
        DirectKubeconfig.read(
            null,
            null,
            Map.of("KUBECONFIG", kubeconfig + java.io.File.pathSeparator + home.resolve("x")),
            new Properties());
    Optional<DirectKubeconfig> inHome =
        DirectKubeconfig.read(null, null, Map.of("HOME", home.toString()), new Properties());

    assertThat(named.map(DirectKubeconfig::namespace)).contains("team");
    assertThat(merged).as("files merged from KUBECONFIG are fabric8's to merge").isEmpty();
    assertThat(inHome.map(DirectKubeconfig::namespace)).contains("home");
  }

  @Test
  void declinesAFileThatIsNoKubeconfigOrIsMissing() throws IOException {
    Path token = Files.writeString(directory.resolve("token"), "s.0123456789abcdef");

    assertThat(read(token, null)).isEmpty();
    assertThat(read(directory.resolve("missing"), null)).isEmpty();
    assertThat(read(directory, null)).isEmpty();
  }

  private Path write(String kubeconfig) throws IOException {
    return Files.writeString(Files.createTempFile(directory, "kubeconfig", ""), kubeconfig);
  }

  private static Optional<DirectKubeconfig> read(Path kubeconfig, String context) {
    return DirectKubeconfig.read(kubeconfig, context, Map.of(), new Properties());
  }
}
