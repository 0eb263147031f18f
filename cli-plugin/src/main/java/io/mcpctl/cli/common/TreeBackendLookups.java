package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.secrets.BackendLookups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reads of {@link BackendLookups} through a {@link KubeApi}, bound by {@link KubeJson}. */
public final class TreeBackendLookups implements BackendLookups {

  private static final String CORE = "/api/v1";
  private static final String SECRETS = "secrets";

  private final KubeApi api;

  public TreeBackendLookups(KubeApi api) {
    this.api = api;
  }

  @Override
  public List<SecretBackend> backends(String namespace) {
    List<SecretBackend> backends = new ArrayList<>();
    for (JsonNode item :
        new ClusterReads(api, namespace)
            .list(Commands.SECRET_BACKENDS, Commands.SECRET_BACKENDS_PLURAL, null)) {
      backends.add(KubeJson.bind(item, SecretBackend.class));
    }
    return backends;
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return new ClusterReads(api, namespace)
        .object(CORE, SECRETS, name)
        .map(found -> KubeJson.bind(found, Secret.class));
  }

  @Override
  public List<Secret> secrets(String namespace, String labelSelector) {
    List<Secret> secrets = new ArrayList<>();
    for (JsonNode item : new ClusterReads(api, namespace).labelled(CORE, SECRETS, labelSelector)) {
      secrets.add(KubeJson.bind(item, Secret.class));
    }
    return secrets;
  }
}
