package io.mcpctl.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.sandbox.tls.SelfSignedTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The direct path's TLS, against the embedded API: a kubeconfig's CA and nothing else. */
class DirectKubeApiIT {

  private static final String NAMESPACES = "/api/v1/namespaces/default";

  private static KubeFixture kube;

  @BeforeAll
  static void start() {
    kube = KubeFixture.start();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Test
  void aServerSignedByTheKubeconfigsCaIsReached() throws IOException {
    KubeApi api = api("localhost", kube.api().serverCertificatePem());

    assertThat(api.get(NAMESPACES))
        .hasValueSatisfying(
            namespace ->
                assertThat(namespace.path("metadata").path("name").asText()).isEqualTo("default"));
  }

  @Test
  void aServerTheKubeconfigsCaDidNotSignIsRefused() throws IOException {
    KubeApi api = api("localhost", SelfSignedTls.generate(Instant.now()).caCertificatePem());

    KubernetesClientException refused =
        catchThrowableOfType(() -> api.get(NAMESPACES), KubernetesClientException.class);

    assertThat(refused).hasRootCauseInstanceOf(CertPathBuilderException.class);
    assertThat(KubernetesErrors.sentence(refused))
        .startsWith("Could not reach the Kubernetes API (");
  }

  @Test
  void aServerUnderAnotherNameThanItsCertificateIsRefused() throws IOException {
    KubeApi api = api("127.0.0.1", kube.api().serverCertificatePem());

    KubernetesClientException refused =
        catchThrowableOfType(() -> api.get(NAMESPACES), KubernetesClientException.class);

    assertThat(refused).hasRootCauseInstanceOf(CertificateException.class);
    assertThat(KubernetesErrors.sentence(refused))
        .startsWith("Could not reach the Kubernetes API (");
  }

  @Test
  void aCaWithTheInsecureFlagIsRefusedAsKubectlRefusesItOnBothPaths() throws IOException {
    Path kubeconfig =
        kubeconfig(
            "localhost", kube.api().serverCertificatePem(), "insecure-skip-tls-verify: true");
    String namespace = kube.newNamespace("insecure-ca");
    List<String> flags = List.of("--kubeconfig", kubeconfig.toString(), "-n", namespace);

    CliHarness.Result read = new CliHarness().run(concat(List.of("list", "secrets"), flags));
    CliHarness.Result written =
        new CliHarness()
            .run(concat(List.of("create", "secret", "x", "--from-literal", "k=v"), flags));

    for (CliHarness.Result result : List.of(read, written)) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.stderr())
          .isEqualTo(
              "error: The kubeconfig's cluster of context 'c' names a certificate authority and"
                  + " sets insecure-skip-tls-verify: true, which kubectl refuses too; remove"
                  + " insecure-skip-tls-verify to have the server checked against that"
                  + " authority.\n");
    }
    assertThat(kube.client().secrets().inNamespace(namespace).list().getItems()).isEmpty();
  }

  /** The direct path for a kubeconfig naming the API as {@code host} and trusting {@code caPem}. */
  private static KubeApi api(String host, String caPem) throws IOException {
    return DirectKubeApis.of(kubeconfig(host, caPem, ""));
  }

  private static String[] concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all.toArray(String[]::new);
  }

  /**
   * A kubeconfig naming the API as {@code host}, trusting {@code caPem}, with {@code clusterLine}
   * added to its cluster.
   */
  private static Path kubeconfig(String host, String caPem, String clusterLine) throws IOException {
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: https://%s:%d
            certificate-authority-data: %s
            %s
        users:
        - name: u
          user: {token: %s}
        contexts:
        - name: c
          context: {cluster: c, user: u}
        current-context: c
        """
            .formatted(
                host,
                kube.api().address().getPort(),
                Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)),
                clusterLine,
                kube.client().getConfiguration().getOauthToken());
    return Files.writeString(
        Files.createTempFile(kube.directory(), "ca", ".kubeconfig"), kubeconfig);
  }
}
