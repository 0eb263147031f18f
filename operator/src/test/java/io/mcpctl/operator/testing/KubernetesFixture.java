package io.mcpctl.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.AuthSpec;
import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.RotationSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.sandbox.kube.EmbeddedKubernetes;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The embedded Kubernetes API with the SecretBackend CRD applied, and builders for backends. */
public final class KubernetesFixture implements AutoCloseable {

  private final EmbeddedKubernetes api;

  public KubernetesFixture() {
    this(Clock.systemUTC());
  }

  /** An API whose timestamps (pod start times among them) come from {@code clock}. */
  public KubernetesFixture(Clock clock) {
    this.api = EmbeddedKubernetes.start(0, clock);
    try (InputStream crd = Files.newInputStream(crdFile())) {
      CustomResourceDefinition definition =
          api.client().apiextensions().v1().customResourceDefinitions().load(crd).item();
      api.client().resource(definition).create();
    } catch (IOException unreadable) {
      throw new IllegalStateException(
          "The SecretBackend CRD could not be read from " + crdFile(), unreadable);
    }
  }

  public EmbeddedKubernetes api() {
    return api;
  }

  public KubernetesClient client() {
    return api.client();
  }

  /** Creates namespace {@code name} unless it exists (the chart's install may have made it). */
  public void createNamespace(String name) {
    if (client().namespaces().withName(name).get() == null) {
      client()
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  /**
   * The token Secret {@code <backend>-token} as the wizard writes it: of the token Secret type,
   * bound to the backend and its OpenBao address, labelled as the operator's.
   */
  public Secret createTokenSecret(
      String namespace, String backend, String address, IssuedToken token) {
    return client()
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(backend + "-token")
                .withLabels(Map.of(SecretBackend.MANAGED_BY_LABEL, SecretBackend.MANAGED_BY_VALUE))
                .withAnnotations(
                    TokenSecretBinding.Binding.rotated(
                            backend, address, TokenSecretBinding.TLS_SYSTEM)
                        .annotations())
                .endMetadata()
                .withType(TokenSecretBinding.TYPE)
                .withStringData(
                    Map.of("token", token.clientToken().reveal(), "accessor", token.accessor()))
                .build())
        .create();
  }

  /** A rotating openbao backend reading its token from Secret {@code <name>-token}. */
  public static SecretBackend rotatingBackend(
      String namespace,
      String name,
      String address,
      String mount,
      String prefix,
      String role,
      String interval) {
    RotationSpec rotation = new RotationSpec();
    rotation.setEnabled(true);
    rotation.setTokenRole(role);
    rotation.setInterval(interval);
    rotation.setJitter("1s");
    rotation.setRevokeGracePeriod("2s");
    SecretBackend backend = openbaoBackend(namespace, name, address, mount, prefix);
    backend.getSpec().getOpenbao().getAuth().setRotation(rotation);
    return backend;
  }

  /** An openbao backend with a static token (no rotation block). */
  public static SecretBackend openbaoBackend(
      String namespace, String name, String address, String mount, String prefix) {
    KvSpec kv = new KvSpec();
    kv.setMount(mount);
    kv.setPathPrefix(prefix);
    AuthSpec auth = new AuthSpec();
    auth.setTokenSecretRef(new SecretKeyRef(name + "-token", "token"));
    OpenBaoSpec openbao = new OpenBaoSpec();
    openbao.setAddress(address);
    openbao.setKv(kv);
    openbao.setAuth(auth);
    SecretBackendSpec spec = new SecretBackendSpec();
    spec.setType("openbao");
    spec.setOpenbao(openbao);
    SecretBackend backend = new SecretBackend();
    backend.getMetadata().setNamespace(namespace);
    backend.getMetadata().setName(name);
    backend.setSpec(spec);
    return backend;
  }

  /**
   * A workload of {@code kind} (Deployment, StatefulSet or DaemonSet) whose one pod reads the token
   * through an environment variable; the embedded API's workload emulation makes the pod (a
   * Deployment's through a ReplicaSet) and replaces it when the pod template changes.
   */
  public void createConsumerWorkload(String namespace, String kind, String name, String secret) {
    client()
        .resource(
            """
            {"apiVersion": "apps/v1", "kind": "%s", "metadata": {"name": "%s", "namespace": "%s"},
             "spec": {"selector": {"matchLabels": {"app": "%s"}},
               "template": {"metadata": {"labels": {"app": "%s"}},
                 "spec": {"containers": [{"name": "app", "image": "app", "env": [
                   {"name": "BAO_TOKEN",
                    "valueFrom": {"secretKeyRef": {"name": "%s", "key": "token"}}}]}]}}}}
            """
                .formatted(kind, name, namespace, name, name, secret))
        .create();
    api.awaitWorkloadsSettled();
  }

  /**
   * Asks for a rotation as {@code kubectl mcpctl rotate} does: the rotate-requested-at annotation.
   */
  public void requestRotation(String namespace, String name, String requestedAt) {
    client()
        .resources(SecretBackend.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            backend -> {
              backend
                  .getMetadata()
                  .getAnnotations()
                  .put(SecretBackend.ROTATE_REQUESTED_AT_ANNOTATION, requestedAt);
              return backend;
            });
  }

  public SecretBackend create(SecretBackend backend) {
    return client().resource(backend).create();
  }

  /**
   * The token Secret holding {@code first} and a backend rotating it through its role at {@code
   * bao}, as the wizard leaves them.
   */
  public SecretBackend createRotating(
      OpenBaoFixture bao, String namespace, String name, IssuedToken first, String interval) {
    createTokenSecret(namespace, name, bao.address(), first);
    return create(
        rotatingBackend(
            namespace,
            name,
            bao.standIn().address().toString(),
            OpenBaoFixture.MOUNT,
            bao.access(name).pathPrefix(),
            bao.access(name).roleName(),
            interval));
  }

  public SecretBackend get(String namespace, String name) {
    return client().resources(SecretBackend.class).inNamespace(namespace).withName(name).get();
  }

  public Secret secret(String namespace, String name) {
    return client().secrets().inNamespace(namespace).withName(name).get();
  }

  private static Path crdFile() {
    return Path.of(System.getProperty("mcpctl.root", ".."))
        .resolve("crds/secretbackends.mcpctl.io-v1.yml");
  }

  @Override
  public void close() {
    api.close();
  }
}
