package io.mcpctl.bench;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.TokenMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Through fabric8's model, as the operator's Secret store, JOSDK and its event recorder do. */
final class ModelRotationRequests implements RotationRequests {

  private final KubernetesClient client;
  private final SharedIndexInformer<SecretBackend> backends;
  private final String namespace;
  private Secret lastSeen;

  ModelRotationRequests(
      KubernetesClient client, SharedIndexInformer<SecretBackend> backends, String namespace) {
    this.client = client;
    this.backends = backends;
    this.namespace = namespace;
  }

  @Override
  public Map<String, String> read(String secretName) {
    lastSeen = client.secrets().inNamespace(namespace).withName(secretName).get();
    Map<String, String> data = RotationRequests.decode(lastSeen.getData());
    if (lastSeen.getStringData() != null) {
      data.putAll(lastSeen.getStringData());
    }
    return data;
  }

  @Override
  public Map<String, String> write(String secretName, Map<String, String> data) {
    Map<String, String> annotations = lastSeen.getMetadata().getAnnotations();
    Secret desired =
        new SecretBuilder(lastSeen)
            .editMetadata()
            .withAnnotations(new HashMap<>(annotations == null ? Map.of() : annotations))
            .endMetadata()
            .withData(RotationRequests.encode(data))
            .withStringData(null)
            .build();
    lastSeen = client.secrets().inNamespace(namespace).resource(desired).update();
    return RotationRequests.decode(lastSeen.getData());
  }

  @Override
  public void listPods() {
    client.pods().inNamespace(namespace).list();
  }

  @Override
  public void patchStatus(String backendName) {
    // As JOSDK hands the reconciler a copy of the cached resource.
    SecretBackend backend =
        client
            .getKubernetesSerialization()
            .clone(backends.getStore().getByKey(namespace + "/" + backendName));
    Instant now = Instant.now();
    TokenMeta meta = backend.getStatus().getTokenMeta();
    meta.setLastRotationAt(now.toString());
    meta.setNextRotationAt(now.plus(Duration.ofDays(1)).toString());
    meta.setGeneratedAt(now.toString());
    client.resource(backend).patchStatus();
  }

  @Override
  public void postEvent(String backendName) {
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withGenerateName(backendName + ".")
                .endMetadata()
                .withType("Normal")
                .withReason("Rotated")
                .withMessage("Rotated the token.")
                .withNewInvolvedObject()
                .withApiVersion("mcpctl.io/v1alpha1")
                .withKind("SecretBackend")
                .withNamespace(namespace)
                .withName(backendName)
                .endInvolvedObject()
                .build())
        .create();
  }
}
