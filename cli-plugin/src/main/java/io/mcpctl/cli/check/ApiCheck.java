package io.mcpctl.cli.check;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/** Whether the SecretBackend API is installed and stores the version this plugin speaks. */
final class ApiCheck {

  static final String SUBJECT = "api";
  static final String CRD = "secretbackends." + SecretBackend.GROUP;

  private ApiCheck() {}

  static CheckResult run(KubernetesClient client) {
    CustomResourceDefinition crd;
    try {
      crd = client.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return CheckResult.note(
          SUBJECT,
          "CRD "
              + CRD
              + " may not be read with your rights, so its stored version was not checked.");
    }
    if (crd == null) {
      return CheckResult.problem(
          SUBJECT,
          "CRD "
              + CRD
              + " is not installed; install the operator's chart (helm install mcpctl-operator"
              + " ./helm/mcpctl-operator -n mcpctl-system --create-namespace).");
    }
    String speaks = SecretBackend.GROUP + "/" + SecretBackend.VERSION;
    List<CustomResourceDefinitionVersion> versions = crd.getSpec().getVersions();
    Optional<String> stored =
        versions.stream()
            .filter(version -> Boolean.TRUE.equals(version.getStorage()))
            .map(CustomResourceDefinitionVersion::getName)
            .findFirst();
    boolean served =
        versions.stream()
            .anyMatch(
                version ->
                    SecretBackend.VERSION.equals(version.getName())
                        && Boolean.TRUE.equals(version.getServed()));
    if (!served || !stored.map(SecretBackend.VERSION::equals).orElse(false)) {
      return CheckResult.problem(
          SUBJECT,
          "CRD "
              + CRD
              + " stores "
              + stored.map(version -> SecretBackend.GROUP + "/" + version).orElse("no version")
              + (served ? "" : " and does not serve " + speaks)
              + ", but this plugin speaks "
              + speaks
              + "; install the plugin of the same release as the chart (kubectl mcpctl version,"
              + " helm list -A).");
    }
    return CheckResult.ok(
        SUBJECT, "CRD " + CRD + " is installed and stores " + speaks + ", as this plugin speaks.");
  }
}
