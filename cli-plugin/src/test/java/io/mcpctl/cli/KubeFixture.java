package io.mcpctl.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The embedded Kubernetes API with the SecretBackend CRD applied, a kubeconfig the plugin reads
 * through {@code --kubeconfig}, and a fresh namespace per test.
 */
public final class KubeFixture implements AutoCloseable {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final EmbeddedKubernetes kube;
  private final Path directory;
  private final Path kubeconfig;

  private KubeFixture(EmbeddedKubernetes kube, Path directory, Path kubeconfig) {
    this.kube = kube;
    this.directory = directory;
    this.kubeconfig = kubeconfig;
  }

  public static KubeFixture start() {
    return start(UnaryOperator.identity());
  }

  /** Starts with the CRD as {@code change} leaves it (e.g. an older schema). */
  public static KubeFixture start(UnaryOperator<CustomResourceDefinition> change) {
    try {
      Path directory = Files.createTempDirectory("mcpctl-cli-it-");
      EmbeddedKubernetes kube = EmbeddedKubernetes.start();
      Path kubeconfig = kube.writeKubeconfig(directory.resolve("kubeconfig"));
      CustomResourceDefinition crd =
          Serialization.unmarshal(Files.readString(crdFile()), CustomResourceDefinition.class);
      kube.client().resource(change.apply(crd)).create();
      return new KubeFixture(kube, directory, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path repositoryRoot() {
    return Path.of(System.getProperty("mcpctl.root", "..")).toAbsolutePath().normalize();
  }

  private static Path crdFile() {
    return repositoryRoot().resolve("crds/secretbackends.mcpctl.io-v1.yml");
  }

  public KubernetesClient client() {
    return kube.client();
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The embedded API itself, for kubeconfigs of other forms. */
  public EmbeddedKubernetes api() {
    return kube;
  }

  /** A folder for files a test writes, removed with the fixture. */
  public Path directory() {
    return directory;
  }

  /** Creates a namespace no other test uses. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    kube.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** The plugin's flags that select this cluster and {@code namespace}. */
  public String[] flags(String namespace) {
    return new String[] {"--kubeconfig", kubeconfig.toString(), "-n", namespace};
  }

  /**
   * A running pod whose container reads {@code token} of Secret {@code bao-token} into {@code
   * BAO_TOKEN}, started at {@code startedAt} (RFC 3339): what describe counts as a holder of the
   * token.
   */
  public void createPodReadingTheToken(String namespace, String name, String startedAt) {
    KubernetesClient client = client();
    Pod pod =
        client
            .pods()
            .inNamespace(namespace)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("example")
                    .addNewEnv()
                    .withName("BAO_TOKEN")
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName("bao-token")
                    .withKey("token")
                    .endSecretKeyRef()
                    .endValueFrom()
                    .endEnv()
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new PodBuilder(pod)
            .withNewStatus()
            .withStartTime(startedAt)
            .addNewContainerStatus()
            .withName("app")
            .withNewState()
            .withNewRunning()
            .withStartedAt(startedAt)
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build()
            .getStatus());
    client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  @Override
  public void close() {
    kube.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
