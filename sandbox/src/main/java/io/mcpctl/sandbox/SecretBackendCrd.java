package io.mcpctl.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SecretBackend CRD of this build (generated from the types, on the class path as it is in
 * {@code crds/}), installed when the cluster lacks it.
 */
final class SecretBackendCrd {

  static final String NAME = "secretbackends.mcpctl.io";
  static final String RESOURCE = "/META-INF/fabric8/" + NAME + "-v1.yml";

  /**
   * What {@code kubectl apply} records, so that a later {@code kubectl apply -f crds/} is clean.
   */
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private SecretBackendCrd() {}

  /** Installs the CRD unless it exists; returns whether it did. */
  static boolean ensureInstalled(Path kubeconfig) {
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
            .build()) {
      if (client.apiextensions().v1().customResourceDefinitions().withName(NAME).get() != null) {
        return false;
      }
      client.resource(asKubectlWouldApply(client.getKubernetesSerialization())).create();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + kubeconfig, e);
    }
  }

  static CustomResourceDefinition asKubectlWouldApply(KubernetesSerialization serialization) {
    CustomResourceDefinition crd = load(serialization);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (crd.getMetadata().getAnnotations() != null) {
      annotations.putAll(crd.getMetadata().getAnnotations());
    }
    annotations.put(LAST_APPLIED, serialization.asJson(crd));
    crd.getMetadata().setAnnotations(annotations);
    return crd;
  }

  private static CustomResourceDefinition load(KubernetesSerialization serialization) {
    try (InputStream yaml = SecretBackendCrd.class.getResourceAsStream(RESOURCE)) {
      if (yaml == null) {
        throw new IllegalStateException(
            RESOURCE + " is not on the class path; rebuild the sandbox jar with Maven.");
      }
      return serialization.unmarshal(yaml, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
